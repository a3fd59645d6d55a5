package io.sluice.engine.catalog;

import io.sluice.engine.types.SluiceTypeSystem;
import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlDecimal;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.ArrayType;
import io.sluice.grammar.ast.DecimalType;
import io.sluice.grammar.ast.MapType;
import io.sluice.grammar.ast.NamedType;
import io.sluice.grammar.ast.PrimitiveType;
import io.sluice.grammar.ast.StructType;
import io.sluice.grammar.ast.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Converts the grammar's types ({@link io.sluice.grammar.ast.Type}) to the engine's
 * ({@link SqlType}), resolving custom types made with {@code CREATE TYPE}, and prints types the way
 * ksqlDB does in its messages. Stateless and thread-safe.
 */
public final class AstTypes {

  /**
   * Names that are built-in types, which {@code CREATE TYPE} may not take (ksqlDB refuses to
   * shadow them, as a column declared with one would be ambiguous).
   */
  public static final Set<String> BUILT_IN_NAMES = Set.of("BOOLEAN", "INT", "INTEGER", "BIGINT",
      "DOUBLE", "DECIMAL", "STRING", "VARCHAR", "BYTES", "DATE", "TIME", "TIMESTAMP", "ARRAY", "MAP",
      "STRUCT");

  private AstTypes() {}

  /**
   * The engine type of a type as written.
   *
   * @param type the type, not null
   * @param customTypes the custom types by canonical name (empty when there is no such type), not
   *     null; e.g. {@link Catalog#type(String)}
   * @return the type with every custom type replaced by its definition
   * @throws CatalogException at the position of the first problem: an unknown custom type, a
   *     STRUCT with two fields of one name, a DECIMAL beyond the engine's precision
   */
  public static SqlType toSqlType(Type type, Function<String, Optional<SqlType>> customTypes) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(customTypes, "customTypes");
    if (type instanceof PrimitiveType p) {
      return switch (p.kind()) {
        case BOOLEAN -> SqlType.BOOLEAN;
        case INT -> SqlType.INTEGER;
        case BIGINT -> SqlType.BIGINT;
        case DOUBLE -> SqlType.DOUBLE;
        case STRING -> SqlType.STRING;
        case BYTES -> SqlType.BYTES;
        case DATE -> SqlType.DATE;
        case TIME -> SqlType.TIME;
        case TIMESTAMP -> SqlType.TIMESTAMP;
      };
    }
    if (type instanceof DecimalType d) {
      if (d.precision() > SluiceTypeSystem.MAX_DECIMAL_PRECISION) {
        throw new CatalogException(d.pos(), "DECIMAL(" + d.precision() + ", " + d.scale()
            + ") has a precision above the " + SluiceTypeSystem.MAX_DECIMAL_PRECISION
            + " digits Sluice supports: use a smaller precision, or DOUBLE");
      }
      return SqlType.decimal(d.precision(), d.scale());
    }
    if (type instanceof ArrayType a) {
      return SqlType.array(toSqlType(a.element(), customTypes));
    }
    if (type instanceof MapType m) {
      return SqlType.map(toSqlType(m.key(), customTypes), toSqlType(m.value(), customTypes));
    }
    if (type instanceof StructType s) {
      SqlStruct.Builder builder = SqlType.struct();
      Set<String> names = new HashSet<>();
      for (StructType.Field field : s.fields()) {
        String name = field.name().value();
        if (!names.add(name)) {
          throw new CatalogException(field.pos(), "Duplicate field names found in STRUCT: `"
              + name + "` is declared twice; give each field its own name");
        }
        builder.field(name, toSqlType(field.type(), customTypes));
      }
      return builder.build();
    }
    NamedType named = (NamedType) type;
    String name = named.name().value();
    return customTypes.apply(name).orElseThrow(() -> new CatalogException(named.pos(),
        "Unknown type: " + name + ". Define it first with CREATE TYPE " + name
            + " AS <type>, or use a built-in type" + caseHint(name, customTypes)));
  }

  /** A hint for a quoted name that would resolve upper-cased (as ksqlDB gives for sources). */
  private static String caseHint(String name, Function<String, Optional<SqlType>> customTypes) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (!upper.equals(name) && customTypes.apply(upper).isPresent()) {
      return ". Did you mean " + upper + "? Quoted names keep their case";
    }
    return "";
  }

  /**
   * A type as ksqlDB prints it in messages and schemas: {@code INTEGER}, {@code DECIMAL(4, 2)},
   * {@code ARRAY<STRING>}, {@code MAP<STRING, INTEGER>}, {@code STRUCT<`A` INTEGER>} (struct field
   * names in back quotes).
   */
  public static String display(SqlType type) {
    if (type instanceof SqlArray a) {
      return "ARRAY<" + display(a.element()) + ">";
    }
    if (type instanceof SqlMap m) {
      return "MAP<" + display(m.key()) + ", " + display(m.value()) + ">";
    }
    if (type instanceof SqlStruct s) {
      return s.fields().stream().map(f -> "`" + f.name() + "` " + display(f.type()))
          .collect(Collectors.joining(", ", "STRUCT<", ">"));
    }
    if (type instanceof SqlDecimal d) {
      return d.toString();
    }
    return type.baseType().name();
  }

  /** {@code [`A` INTEGER, `B` STRING KEY]}: columns as ksqlDB lists them in messages. */
  static String display(List<SourceColumn> columns) {
    return columns.stream().map(SourceColumn::toString)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** Whether {@code type} is or contains a MAP (at any depth). */
  static boolean containsMap(SqlType type) {
    if (type instanceof SqlMap) {
      return true;
    }
    if (type instanceof SqlArray a) {
      return containsMap(a.element());
    }
    if (type instanceof SqlStruct s) {
      return s.fields().stream().anyMatch(f -> containsMap(f.type()));
    }
    return false;
  }
}

package io.sluice.engine.format;

import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.ArrayType;
import io.sluice.grammar.ast.DecimalType;
import io.sluice.grammar.ast.MapType;
import io.sluice.grammar.ast.PrimitiveType;
import io.sluice.grammar.ast.StructType;
import io.sluice.grammar.ast.Type;
import java.util.Optional;

/**
 * The SQL type a grammar type names, for the conformance test only (the catalog owns the real
 * conversion, with custom types and error positions).
 */
final class QttTypes {

  private QttTypes() {}

  /** The type, or empty for a custom type (the test skips cases using one). */
  static Optional<SqlType> of(Type type) {
    if (type instanceof PrimitiveType p) {
      return Optional.of(switch (p.kind()) {
        case BOOLEAN -> SqlType.BOOLEAN;
        case INT -> SqlType.INTEGER;
        case BIGINT -> SqlType.BIGINT;
        case DOUBLE -> SqlType.DOUBLE;
        case STRING -> SqlType.STRING;
        case BYTES -> SqlType.BYTES;
        case DATE -> SqlType.DATE;
        case TIME -> SqlType.TIME;
        case TIMESTAMP -> SqlType.TIMESTAMP;
      });
    }
    if (type instanceof DecimalType d) {
      return Optional.of(SqlType.decimal(d.precision(), d.scale()));
    }
    if (type instanceof ArrayType a) {
      return of(a.element()).map(SqlType::array);
    }
    if (type instanceof MapType m) {
      Optional<SqlType> key = of(m.key());
      Optional<SqlType> value = of(m.value());
      return key.isPresent() && value.isPresent()
          ? Optional.of(SqlType.map(key.get(), value.get())) : Optional.empty();
    }
    if (type instanceof StructType s) {
      SqlStruct.Builder b = SqlType.struct();
      for (StructType.Field f : s.fields()) {
        Optional<SqlType> t = of(f.type());
        if (t.isEmpty()) {
          return Optional.empty();
        }
        b.field(f.name().value(), t.get());
      }
      return Optional.of(b.build());
    }
    return Optional.empty();
  }
}

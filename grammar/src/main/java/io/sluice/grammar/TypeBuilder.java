package io.sluice.grammar;

import io.sluice.grammar.SluiceSqlParser.ArrayTypeContext;
import io.sluice.grammar.SluiceSqlParser.EmptyStructTypeContext;
import io.sluice.grammar.SluiceSqlParser.MapTypeContext;
import io.sluice.grammar.SluiceSqlParser.NamedTypeContext;
import io.sluice.grammar.SluiceSqlParser.StructTypeContext;
import io.sluice.grammar.SluiceSqlParser.StructTypeFieldContext;
import io.sluice.grammar.SluiceSqlParser.TypeContext;
import io.sluice.grammar.SluiceSqlParser.TypeParameterContext;
import io.sluice.grammar.ast.ArrayType;
import io.sluice.grammar.ast.DecimalType;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.MapType;
import io.sluice.grammar.ast.NamedType;
import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.PrimitiveType;
import io.sluice.grammar.ast.StructType;
import io.sluice.grammar.ast.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/** Builds {@link Type}s from {@code type} parse trees. */
final class TypeBuilder extends SluiceSqlBaseVisitor<Type> {
  private static final Map<String, PrimitiveType.Kind> PRIMITIVES = Map.ofEntries(
      Map.entry("BOOLEAN", PrimitiveType.Kind.BOOLEAN),
      Map.entry("INT", PrimitiveType.Kind.INT),
      Map.entry("INTEGER", PrimitiveType.Kind.INT),
      Map.entry("BIGINT", PrimitiveType.Kind.BIGINT),
      Map.entry("DOUBLE", PrimitiveType.Kind.DOUBLE),
      Map.entry("STRING", PrimitiveType.Kind.STRING),
      Map.entry("VARCHAR", PrimitiveType.Kind.STRING),
      Map.entry("BYTES", PrimitiveType.Kind.BYTES),
      Map.entry("DATE", PrimitiveType.Kind.DATE),
      Map.entry("TIME", PrimitiveType.Kind.TIME),
      Map.entry("TIMESTAMP", PrimitiveType.Kind.TIMESTAMP));

  Type build(TypeContext ctx) {
    return ctx.accept(this);
  }

  @Override
  public Type visitArrayType(ArrayTypeContext ctx) {
    return new ArrayType(Trees.pos(ctx), build(ctx.type()));
  }

  @Override
  public Type visitMapType(MapTypeContext ctx) {
    return new MapType(Trees.pos(ctx), build(ctx.key), build(ctx.value));
  }

  @Override
  public Type visitEmptyStructType(EmptyStructTypeContext ctx) {
    return new StructType(Trees.pos(ctx), List.of());
  }

  @Override
  public Type visitStructType(StructTypeContext ctx) {
    List<StructType.Field> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (StructTypeFieldContext field : ctx.structTypeField()) {
      Identifier name = Trees.identifier(field.identifier());
      if (!names.add(name.value())) {
        throw Trees.error(field, "duplicate struct field " + name.value());
      }
      fields.add(new StructType.Field(Trees.pos(field), name, build(field.type())));
    }
    return new StructType(Trees.pos(ctx), fields);
  }

  @Override
  public Type visitNamedType(NamedTypeContext ctx) {
    Identifier name = Trees.identifier(ctx.identifier());
    Pos pos = Trees.pos(ctx);
    List<TypeParameterContext> parameters = ctx.typeParameter();
    PrimitiveType.Kind kind = name.quoted() ? null : PRIMITIVES.get(name.value());
    if (!name.quoted() && name.value().equals("DECIMAL")) {
      if (parameters.size() != 2) {
        throw Trees.error(ctx, "DECIMAL needs a precision and a scale: DECIMAL(precision, scale)");
      }
      Token precisionToken = integer(parameters.get(0));
      Token scaleToken = integer(parameters.get(1));
      int precision = Trees.nonNegativeInt(precisionToken, "DECIMAL precision");
      int scale = Trees.nonNegativeInt(scaleToken, "DECIMAL scale");
      if (precision < 1) {
        throw Trees.error(precisionToken, "DECIMAL precision must be at least 1");
      }
      if (scale > precision) {
        throw Trees.error(scaleToken,
            "DECIMAL scale must not exceed its precision (" + precision + ")");
      }
      return new DecimalType(pos, precision, scale);
    }
    if (kind == PrimitiveType.Kind.STRING && parameters.size() == 1
        && parameters.get(0).identifier() != null
        && Trees.identifier(parameters.get(0).identifier()).equals(Identifier.of("STRING"))) {
      return new PrimitiveType(pos, kind); // VARCHAR(STRING), accepted by ksqlDB
    }
    if (!parameters.isEmpty()) {
      throw Trees.error(ctx.LPAREN().getSymbol(), "type " + name.value() + " takes no parameters");
    }
    return kind != null ? new PrimitiveType(pos, kind) : new NamedType(pos, name);
  }

  private static Token integer(TypeParameterContext ctx) {
    if (ctx.INTEGER_VALUE() == null) {
      throw Trees.error(ctx, "expected an integer");
    }
    return ctx.INTEGER_VALUE().getSymbol();
  }
}

package io.sluice.engine.expr;

import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SluiceTypeSystem;
import io.sluice.engine.types.SqlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * Calls built-in functions through the real path: each typed argument is an input column of its
 * type, the call is built by {@link ExpressionBuilder#call}, compiled by {@link
 * CompiledExpressions} and evaluated over a row of the argument values.
 */
final class FunctionTester {

  /** An argument: a value of a type, or (type null) the untyped NULL literal. */
  record Arg(SqlType type, Object value) {}

  static final FunctionRegistry REGISTRY = FunctionRegistry.withBuiltIns();

  final List<String> errors = new ArrayList<>();

  static Arg arg(SqlType type, Object value) {
    return new Arg(type, value);
  }

  static Arg str(String s) {
    return arg(SqlType.STRING, s);
  }

  static Arg i(Integer v) {
    return arg(SqlType.INTEGER, v);
  }

  static Arg l(Long v) {
    return arg(SqlType.BIGINT, v);
  }

  static Arg d(Double v) {
    return arg(SqlType.DOUBLE, v);
  }

  static Arg bool(Boolean v) {
    return arg(SqlType.BOOLEAN, v);
  }

  /** A DECIMAL of the value's own precision and scale. */
  static Arg dec(String v) {
    BigDecimal b = new BigDecimal(v);
    return arg(SqlType.decimal(Math.max(b.precision(), b.scale() + 1), b.scale()), b);
  }

  static Arg bytes(byte... b) {
    return arg(SqlType.BYTES, new ByteString(b));
  }

  static Arg array(SqlType element, Object... values) {
    return arg(SqlType.array(element), Arrays.asList(values));
  }

  static Arg untypedNull() {
    return new Arg(null, null);
  }

  /** The compiled call's value. */
  Object call(String name, Arg... args) {
    return compile(name, args).evaluate(row(args))[0];
  }

  /** The compiled call's result type. */
  SqlType type(String name, Arg... args) {
    return compile(name, args).outputTypes().get(0);
  }

  private Evaluator compile(String name, Arg... args) {
    RowSchema.Builder schema = RowSchema.builder();
    for (int k = 0; k < args.length; k++) {
      if (args[k].type() != null) {
        schema.column("C" + k, args[k].type());
      }
    }
    RowSchema input = schema.build();
    RexBuilder rb = SluiceTypeSystem.newRexBuilder();
    ExpressionBuilder x = new ExpressionBuilder(rb, input, REGISTRY);
    List<RexNode> operands = new ArrayList<>();
    for (int k = 0; k < args.length; k++) {
      operands.add(args[k].type() == null ? x.nullLiteral() : x.column("C" + k));
    }
    return CompiledExpressions.compile(rb, List.of(x.call(name, operands)), null, input,
        (index, e, row, err) -> errors.add(err.toString()));
  }

  private static Object[] row(Arg... args) {
    List<Object> values = new ArrayList<>();
    for (Arg a : args) {
      if (a.type() != null) {
        values.add(a.value());
      }
    }
    return values.toArray();
  }
}

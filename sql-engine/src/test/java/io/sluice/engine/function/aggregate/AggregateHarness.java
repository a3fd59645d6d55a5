package io.sluice.engine.function.aggregate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlDecimal;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Drives real aggregates as the operator will: one accumulator, a sequence per record, the
 * result after each change; checks every accumulator against its declared SQL type.
 */
final class AggregateHarness {

  static final FunctionRegistry REGISTRY = FunctionRegistry.withBuiltIns();

  final Aggregate agg;
  Object acc;
  long sequence;

  AggregateHarness(Aggregate agg) {
    this.agg = agg;
    this.acc = agg.initialize();
    assertConforms(agg.accumulatorType(), acc);
  }

  static AggregateHarness of(String name, SqlType... argTypes) {
    return new AggregateHarness(REGISTRY.resolveAggregate(name, List.of(argTypes)).aggregate());
  }

  static AggregateHarness of(String name, List<AggregateArgument> args,
      Map<String, ?> properties) {
    return new AggregateHarness(REGISTRY.resolveAggregate(name, args, properties).aggregate());
  }

  /** Adds one input; returns the result. */
  Object add(Object input) {
    Object old = acc;
    Object copy = snapshot(old);
    acc = agg.aggregate(input, acc, sequence++);
    assertConforms(agg.accumulatorType(), acc);
    assertTrue(java.util.Objects.equals(copy, snapshot(old)), "the given accumulator changed");
    return result();
  }

  /** Retracts one input; returns the result. */
  Object undo(Object input) {
    acc = agg.undo(input, acc);
    assertConforms(agg.accumulatorType(), acc);
    return result();
  }

  Object result() {
    Object r = agg.map(acc);
    assertConforms(agg.resultType(), r);
    return r;
  }

  /** The result after each of {@code inputs}. */
  List<Object> addAll(Object... inputs) {
    List<Object> out = new ArrayList<>();
    for (Object in : inputs) {
      out.add(add(in));
    }
    return out;
  }

  private static Object snapshot(Object acc) {
    if (acc instanceof List<?> l) {
      return new ArrayList<>(l);
    } else if (acc instanceof Map<?, ?> m) {
      return new java.util.LinkedHashMap<>(m);
    }
    return acc;
  }

  /** Fails unless {@code v} is a value of {@code t} in the runtime representation. */
  static void assertConforms(SqlType t, Object v) {
    if (v == null) {
      return;
    }
    assertTrue(t.javaType().isInstance(v) || (t instanceof SqlArray && v instanceof List)
        || (t instanceof SqlMap && v instanceof Map), v.getClass() + " is no " + t);
    if (t instanceof SqlDecimal d) {
      assertTrue(((BigDecimal) v).scale() == d.scale(), v + " has not the scale of " + t);
    } else if (t instanceof SqlArray a) {
      ((List<?>) v).forEach(e -> assertConforms(a.element(), e));
    } else if (t instanceof SqlMap m) {
      ((Map<?, ?>) v).forEach((k, x) -> {
        assertConforms(m.key(), k);
        assertConforms(m.value(), x);
      });
    } else if (t instanceof SqlStruct s) {
      Struct st = (Struct) v;
      assertTrue(st.fieldNames().equals(s.fieldNames()), st.fieldNames() + " vs " + s);
      for (int i = 0; i < st.size(); i++) {
        assertConforms(s.fields().get(i).type(), st.get(i));
      }
    } else if (t.equals(SqlType.BYTES)) {
      assertTrue(v instanceof ByteString);
    }
  }

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  static ByteString bytes(String s) {
    return new ByteString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static List<Object> list(Object... values) {
    return java.util.Arrays.asList(values);
  }
}

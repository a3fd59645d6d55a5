package io.sluice.engine.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.function.Deterministic;

/**
 * ksqlDB's lambda functions at run time: generated code calls these with the collection, the
 * {@link CompiledLambda} (a hoisted constant) and the values the lambda captures from the
 * enclosing row. Public because the generated classes live in another class loader; not an API
 * for other code.
 *
 * <p>Semantics (ksqlDB's {@code Transform}, {@code Filter} and {@code Reduce} functions): a null
 * collection gives null, except for REDUCE, which then gives its initial state; a null initial
 * state gives null. FILTER keeps the elements (entries) for which the lambda is TRUE. Results keep
 * the input's order. An exception thrown by a lambda fails the whole call.
 */
public final class LambdaRuntime {

  private LambdaRuntime() {}

  /** For lambdas that capture nothing. */
  public static final Object[] NO_CAPTURES = new Object[0];

  /** The lambda with this id (hoisted into a static final field of the generated class). */
  @Deterministic
  public static CompiledLambda lambda(int id) {
    return CompiledLambda.byId(id);
  }

  /**
   * An arithmetic operand inside a lambda body: ksqlDB's generated code unboxes it, so a null
   * operand fails the whole lambda call (ksqlDB: {@code TRANSFORM([5, NULL], x => x + 5)} is
   * NULL, not {@code [10, NULL]}).
   */
  public static Object arithmeticOperand(Object value) {
    if (value == null) {
      throw new NullPointerException("null operand of arithmetic in a lambda");
    }
    return value;
  }

  /** {@code TRANSFORM(array, x => f)}. */
  public static List<Object> transform(List<?> array, CompiledLambda fn, Object[] captured) {
    if (array == null) {
      return null;
    }
    Object[] row = fn.row(captured);
    List<Object> out = new ArrayList<>(array.size());
    for (Object e : array) {
      row[0] = e;
      out.add(fn.apply(row));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * {@code TRANSFORM(map, (k, v) => newKey, (k, v) => newValue)}. As in ksqlDB (which collects
   * with {@code Collectors.toMap}), two entries with the same new key, or a null new value, fail
   * the call.
   */
  public static Map<Object, Object> transform(Map<?, ?> map, CompiledLambda keyFn,
      Object[] keyCaptured, CompiledLambda valueFn, Object[] valueCaptured) {
    if (map == null) {
      return null;
    }
    Object[] keyRow = keyFn.row(keyCaptured);
    Object[] valueRow = valueFn.row(valueCaptured);
    Map<Object, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      keyRow[0] = e.getKey();
      keyRow[1] = e.getValue();
      valueRow[0] = e.getKey();
      valueRow[1] = e.getValue();
      Object key = keyFn.apply(keyRow);
      Object value = valueFn.apply(valueRow);
      if (value == null) {
        throw new IllegalArgumentException("TRANSFORM of a map: null value for key " + key);
      }
      if (out.containsKey(key)) {
        throw new IllegalArgumentException("TRANSFORM of a map: duplicate key " + key);
      }
      out.put(key, value);
    }
    return Collections.unmodifiableMap(out);
  }

  /** {@code FILTER(array, x => condition)}. */
  public static List<Object> filter(List<?> array, CompiledLambda fn, Object[] captured) {
    if (array == null) {
      return null;
    }
    Object[] row = fn.row(captured);
    List<Object> out = new ArrayList<>();
    for (Object e : array) {
      row[0] = e;
      if (Boolean.TRUE.equals(fn.apply(row))) {
        out.add(e);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** {@code FILTER(map, (k, v) => condition)}. */
  public static Map<Object, Object> filter(Map<?, ?> map, CompiledLambda fn, Object[] captured) {
    if (map == null) {
      return null;
    }
    Object[] row = fn.row(captured);
    Map<Object, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      row[0] = e.getKey();
      row[1] = e.getValue();
      if (Boolean.TRUE.equals(fn.apply(row))) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** {@code REDUCE(array, initial, (state, x) => newState)}. */
  public static Object reduce(List<?> array, Object initial, CompiledLambda fn,
      Object[] captured) {
    if (initial == null) {
      return null;
    }
    if (array == null) {
      return initial;
    }
    Object[] row = fn.row(captured);
    Object state = initial;
    for (Object e : array) {
      row[0] = state;
      row[1] = e;
      state = fn.apply(row);
    }
    return state;
  }

  /** {@code REDUCE(map, initial, (state, k, v) => newState)}. */
  public static Object reduce(Map<?, ?> map, Object initial, CompiledLambda fn,
      Object[] captured) {
    if (initial == null) {
      return null;
    }
    if (map == null) {
      return initial;
    }
    Object[] row = fn.row(captured);
    Object state = initial;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      row[0] = state;
      row[1] = e.getKey();
      row[2] = e.getValue();
      state = fn.apply(row);
    }
    return state;
  }
}

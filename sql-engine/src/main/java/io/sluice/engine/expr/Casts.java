package io.sluice.engine.expr;

import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlDecimal;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * ksqlDB's CAST conversions: which are allowed, and which {@link KsqlRuntime} method performs
 * each. Scalar casts compile to a direct call of that method; ARRAY, MAP and STRUCT casts to a
 * converter object built once per (from, to) pair, which applies the scalar casts element by
 * element (STRUCT: field by field by name; target fields missing from the source are null).
 */
final class Casts {

  private Casts() {}

  /** The static method for a scalar cast and its constant trailing int arguments. */
  record Scalar(Method method, List<Integer> constants) {}

  /** Whether ksqlDB can CAST {@code from} to {@code to}. */
  static boolean supported(SqlType from, SqlType to) {
    if (from.equals(to)) {
      return true;
    }
    SqlBaseType f = from.baseType();
    SqlBaseType t = to.baseType();
    if (from instanceof SqlArray fa && to instanceof SqlArray ta) {
      return supported(fa.element(), ta.element());
    }
    if (from instanceof SqlMap fm && to instanceof SqlMap tm) {
      return supported(fm.key(), tm.key()) && supported(fm.value(), tm.value());
    }
    if (from instanceof SqlStruct fs && to instanceof SqlStruct ts) {
      for (SqlStruct.Field tf : ts.fields()) {
        var ff = fs.field(tf.name());
        if (ff.isPresent() && !supported(ff.get().type(), tf.type())) {
          return false;
        }
      }
      return true;
    }
    if (t == SqlBaseType.STRING) {
      return f != SqlBaseType.BYTES;
    }
    if (f.isNumber() && t.isNumber()) {
      return true;
    }
    if (f == SqlBaseType.STRING) {
      return !t.isContainer();
    }
    return switch (f) {
      case TIMESTAMP -> t == SqlBaseType.DATE || t == SqlBaseType.TIME;
      case DATE -> t == SqlBaseType.TIMESTAMP;
      default -> false;
    };
  }

  /** The method casting a scalar {@code from} to {@code to} (both not containers, different). */
  static Scalar scalar(SqlType from, SqlType to) {
    SqlBaseType f = from.baseType();
    switch (to.baseType()) {
      case STRING -> {
        return switch (f) {
          case DECIMAL -> of("decimalToString", BigDecimal.class);
          case TIMESTAMP -> of("timestampToString", Long.class);
          case DATE -> of("dateToString", Integer.class);
          case TIME -> of("timeToString", Integer.class);
          default -> of("castToString", Object.class);
        };
      }
      case INTEGER -> {
        return f == SqlBaseType.STRING ? of("stringToInteger", String.class)
            : of("numberToInteger", Number.class);
      }
      case BIGINT -> {
        return f == SqlBaseType.STRING ? of("stringToBigint", String.class)
            : of("numberToBigint", Number.class);
      }
      case DOUBLE -> {
        return f == SqlBaseType.STRING ? of("stringToDouble", String.class)
            : of("numberToDouble", Number.class);
      }
      case DECIMAL -> {
        SqlDecimal d = (SqlDecimal) to;
        List<Integer> ps = List.of(d.precision(), d.scale());
        return switch (f) {
          case INTEGER, BIGINT -> of("longToDecimal", ps, Number.class, int.class, int.class);
          case DOUBLE -> of("doubleToDecimal", ps, Double.class, int.class, int.class);
          case DECIMAL -> of("decimalToDecimal", ps, BigDecimal.class, int.class, int.class);
          case STRING -> of("stringToDecimal", ps, String.class, int.class, int.class);
          default -> throw unsupported(from, to);
        };
      }
      case BOOLEAN -> {
        if (f == SqlBaseType.STRING) {
          return of("stringToBoolean", String.class);
        }
      }
      case BYTES -> {
        if (f == SqlBaseType.STRING) {
          return of("stringToBytes", String.class);
        }
      }
      case DATE -> {
        if (f == SqlBaseType.STRING) {
          return of("stringToDate", String.class);
        } else if (f == SqlBaseType.TIMESTAMP) {
          return of("timestampToDate", Long.class);
        }
      }
      case TIME -> {
        if (f == SqlBaseType.STRING) {
          return of("stringToTime", String.class);
        } else if (f == SqlBaseType.TIMESTAMP) {
          return of("timestampToTime", Long.class);
        }
      }
      case TIMESTAMP -> {
        if (f == SqlBaseType.STRING) {
          return of("stringToTimestamp", String.class);
        } else if (f == SqlBaseType.DATE) {
          return of("dateToTimestamp", Integer.class);
        }
      }
      default -> { }
    }
    throw unsupported(from, to);
  }

  private static Scalar of(String name, Class<?>... params) {
    return new Scalar(KsqlOperators.method(KsqlRuntime.class, name, params), List.of());
  }

  private static Scalar of(String name, List<Integer> constants, Class<?>... params) {
    return new Scalar(KsqlOperators.method(KsqlRuntime.class, name, params), constants);
  }

  static IllegalStateException unsupported(SqlType from, SqlType to) {
    return new IllegalStateException("Cast of " + from + " to " + to + " is not supported");
  }

  // ---------------------------------------------------------------------------------------------
  // Converters for structured values

  private static final Map<List<SqlType>, Integer> IDS = new ConcurrentHashMap<>();
  private static final List<Function<Object, Object>> CONVERTERS = new CopyOnWriteArrayList<>();

  /** Id of the converter from {@code from} to {@code to}, built on first use. */
  static int converterId(SqlType from, SqlType to) {
    return IDS.computeIfAbsent(List.of(from, to), k -> {
      synchronized (CONVERTERS) {
        CONVERTERS.add(converter(from, to));
        return CONVERTERS.size() - 1;
      }
    });
  }

  static Function<Object, Object> converter(int id) {
    return CONVERTERS.get(id);
  }

  private static Function<Object, Object> converter(SqlType from, SqlType to) {
    if (from.equals(to)) {
      return Function.identity();
    }
    if (from instanceof SqlArray fa && to instanceof SqlArray ta) {
      Function<Object, Object> element = converter(fa.element(), ta.element());
      return value -> {
        List<?> list = (List<?>) value;
        List<Object> out = new ArrayList<>(list.size());
        for (Object e : list) {
          out.add(e == null ? null : element.apply(e));
        }
        return out;
      };
    }
    if (from instanceof SqlMap fm && to instanceof SqlMap tm) {
      Function<Object, Object> key = converter(fm.key(), tm.key());
      Function<Object, Object> val = converter(fm.value(), tm.value());
      return value -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) ->
            out.put(k == null ? null : key.apply(k), v == null ? null : val.apply(v)));
        return out;
      };
    }
    if (from instanceof SqlStruct fs && to instanceof SqlStruct ts) {
      int n = ts.fields().size();
      int[] source = new int[n];
      List<Function<Object, Object>> fields = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        SqlStruct.Field tf = ts.fields().get(i);
        source[i] = fs.indexOf(tf.name());
        fields.add(source[i] < 0 ? null : converter(fs.fields().get(source[i]).type(), tf.type()));
      }
      List<String> names = ts.fieldNames();
      return value -> {
        Struct s = (Struct) value;
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
          Object v = source[i] < 0 ? null : s.get(source[i]);
          out[i] = v == null ? null : fields.get(i).apply(v);
        }
        return new Struct(names, out);
      };
    }
    Scalar scalar = scalar(from, to);
    MethodHandle handle;
    try {
      handle = MethodHandles.publicLookup().unreflect(scalar.method());
      for (Integer c : scalar.constants()) {
        handle = MethodHandles.insertArguments(handle, 1, c);
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    MethodHandle h = handle.asType(handle.type().changeParameterType(0, Object.class)
        .changeReturnType(Object.class));
    return value -> {
      try {
        return h.invokeExact(value);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    };
  }
}

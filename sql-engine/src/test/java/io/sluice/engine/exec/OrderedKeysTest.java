package io.sluice.engine.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlDecimal;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The state-key encoding: byte order is SQL order, and keys decode to what was encoded. */
class OrderedKeysTest {

  private final Random random = new Random(7);

  /** SQL order of one column's values (nulls first; -0.0 before 0.0 and NaN last, as Double does). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Comparator<Object> SQL = Comparator.nullsFirst(
      (a, b) -> ((Comparable) a).compareTo(b));

  private Object randomValue(SqlType type) {
    if (random.nextInt(20) == 0) {
      return null;
    }
    return switch (type.baseType()) {
      case BOOLEAN -> random.nextBoolean();
      case INTEGER, DATE, TIME -> switch (random.nextInt(4)) {
        case 0 -> Integer.MIN_VALUE + random.nextInt(3);
        case 1 -> Integer.MAX_VALUE - random.nextInt(3);
        default -> random.nextInt(2001) - 1000;
      };
      case BIGINT, TIMESTAMP -> switch (random.nextInt(4)) {
        case 0 -> Long.MIN_VALUE + random.nextInt(3);
        case 1 -> Long.MAX_VALUE - random.nextInt(3);
        default -> random.nextLong() >> random.nextInt(64);
      };
      case DOUBLE -> switch (random.nextInt(8)) {
        case 0 -> -0.0d;
        case 1 -> 0.0d;
        case 2 -> random.nextBoolean() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        case 3 -> Double.NaN;
        case 4 -> random.nextBoolean() ? Double.MIN_VALUE : -Double.MAX_VALUE;
        default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
      };
      case STRING -> randomString();
      default -> throw new AssertionError(type);
    };
  }

  /** Strings over characters that stress the encoding: NUL, ASCII, 2- and 3-byte, surrogates. */
  private String randomString() {
    char[] alphabet = {'\0', '\u0001', 'a', 'b', '\u007f', '\u0080', '\u07ff', '\u0800', '\ud800',
        '\udfff', '\ue000', '\uffff'};
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      s.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return s.toString();
  }

  private static int compareRows(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      int c = SQL.compare(a[i], b[i]);
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    return 0;
  }

  @Test
  void byteOrderIsSqlOrderAndKeysRoundTripForEveryOrderedType() {
    List<SqlType> types = List.of(SqlType.BOOLEAN, SqlType.INTEGER, SqlType.BIGINT,
        SqlType.DOUBLE, SqlType.STRING, SqlType.DATE, SqlType.TIME, SqlType.TIMESTAMP);
    for (SqlType type : types) {
      assertTrue(OrderedKeys.ordered(type), type.toString());
      checkOrder(List.of(type), 3000);
    }
  }

  @Test
  void multiColumnKeysOrderByFirstColumnThenNext() {
    checkOrder(List.of(SqlType.STRING, SqlType.INTEGER), 3000);
    checkOrder(List.of(SqlType.DOUBLE, SqlType.STRING, SqlType.BIGINT), 3000);
  }

  private void checkOrder(List<SqlType> types, int n) {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      columns.add(new Column("C" + i, types.get(i)));
    }
    OrderedKeys keys = new OrderedKeys(columns);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[types.size()];
      for (int c = 0; c < row.length; c++) {
        // few distinct first values, so that later columns decide often
        row[c] = c == 0 && types.size() > 1 && !rows.isEmpty() && random.nextBoolean()
            ? rows.get(random.nextInt(rows.size()))[0] : randomValue(types.get(c));
      }
      rows.add(row);
    }
    for (int i = 0; i < n; i++) {
      Object[] a = rows.get(i);
      Object[] b = rows.get(random.nextInt(n));
      byte[] ka = keys.encode(a);
      byte[] kb = keys.encode(b);
      assertEquals(compareRows(a, b), Integer.signum(Arrays.compareUnsigned(ka, kb)),
          types + ": " + Arrays.toString(a) + " vs " + Arrays.toString(b));
      assertArrayEquals(a, keys.decode(ka), types + ": round trip of " + Arrays.toString(a));
      // a prefix of the columns is a byte prefix of the key
      byte[] prefix = keys.encode(a, 1);
      assertArrayEquals(prefix, Arrays.copyOf(ka, prefix.length));
      byte[] end = OrderedKeys.prefixEnd(prefix);
      assertTrue(end == null || Arrays.compareUnsigned(ka, end) < 0);
    }
  }

  @Test
  void typesWithoutOrderStillRoundTripAndMatchByValue() {
    SqlStruct struct = SqlType.struct().field("A", SqlType.INTEGER)
        .field("B", SqlType.STRING).build();
    List<Column> columns = List.of(new Column("D", new SqlDecimal(6, 2)),
        new Column("L", new SqlArray(SqlType.STRING)), new Column("S", struct),
        new Column("X", SqlType.BYTES));
    OrderedKeys keys = new OrderedKeys(columns);
    columns.forEach(c -> assertTrue(!OrderedKeys.ordered(c.type()), c.toString()));
    Object[] row = {new BigDecimal("12.50"), List.of("a", "\0b"), Struct.of(struct, 1, "x"),
        SqlType.bytes(new byte[] {0, 1, 2})};
    byte[] key = keys.encode(row);
    assertArrayEquals(row, keys.decode(key));
    assertArrayEquals(key, keys.encode(row.clone()), "equal values, equal keys");
    Object[] nulls = {null, null, null, null};
    assertArrayEquals(nulls, keys.decode(keys.encode(nulls)));
  }

  @Test
  void prefixEndIsTheLeastStringAfterThePrefix() {
    assertArrayEquals(new byte[] {1, 3}, OrderedKeys.prefixEnd(new byte[] {1, 2}));
    assertArrayEquals(new byte[] {2}, OrderedKeys.prefixEnd(new byte[] {1, (byte) 0xFF}));
    assertNull(OrderedKeys.prefixEnd(new byte[] {(byte) 0xFF}));
    Function<String, byte[]> enc = s -> new OrderedKeys(
        List.of(new Column("S", SqlType.STRING))).encode(new Object[] {s});
    // "a" < "a\0" < "a\u0001" < "b": no key is a prefix of another
    assertTrue(Arrays.compareUnsigned(enc.apply("a"), enc.apply("a\0")) < 0);
    assertTrue(Arrays.compareUnsigned(enc.apply("a\0"), enc.apply("a\u0001")) < 0);
    assertTrue(Arrays.compareUnsigned(enc.apply("a\uffff"), enc.apply("b")) < 0);
  }
}

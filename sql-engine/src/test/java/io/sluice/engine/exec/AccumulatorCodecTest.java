package io.sluice.engine.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.engine.types.SqlType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

class AccumulatorCodecTest {

  private static final List<SqlType> SCALARS = List.of(SqlType.BOOLEAN, SqlType.INTEGER,
      SqlType.BIGINT, SqlType.DOUBLE, SqlType.STRING, SqlType.BYTES, SqlType.decimal(20, 3),
      SqlType.DATE, SqlType.TIME, SqlType.TIMESTAMP);

  @Test
  void scalarsRoundTripInTheBinaryLayout() {
    AccumulatorCodec codec = new AccumulatorCodec(SCALARS);
    Object[][] rows = {
        {true, -7, Long.MIN_VALUE, -0.0, "a\u00e9\u20ac\ud83d\ude00", SqlType.bytes(new byte[] {0, -1}),
            new BigDecimal("-12345678901234567.890"), 19_000, 86_399_999, 1_700_000_000_000L},
        {false, Integer.MAX_VALUE, 0L, Double.NaN, "", SqlType.bytes(new byte[0]),
            new BigDecimal("0.000"), 0, 0, 0L},
        new Object[SCALARS.size()],
    };
    for (Object[] row : rows) {
      byte[] bytes = codec.encode(row);
      assertEquals(1, bytes[0], "binary layout");
      assertArrayEquals(row, codec.decode(bytes));
    }
    // exactly the bytes the values need: no slack
    assertEquals(1 + 2 + 5 + 9, new AccumulatorCodec(List.of(SqlType.BOOLEAN, SqlType.INTEGER,
        SqlType.BIGINT)).encode(new Object[] {true, 1, 2L}).length);
  }

  @Test
  void collectionsAreStoredAsJson() {
    AccumulatorCodec codec = new AccumulatorCodec(List.of(SqlType.array(SqlType.STRING),
        SqlType.BIGINT));
    Object[] row = {List.of("x", "y"), 3L};
    byte[] bytes = codec.encode(row);
    assertEquals("{\"A0\":[\"x\",\"y\"],\"A1\":3}", new String(bytes, StandardCharsets.UTF_8));
    assertArrayEquals(row, codec.decode(bytes));
  }

  @Test
  void stateWrittenAsJsonStaysReadable() {
    AccumulatorCodec codec = new AccumulatorCodec(List.of(SqlType.BIGINT, SqlType.STRING));
    assertArrayEquals(new Object[] {5L, "k"},
        codec.decode("{\"A0\":5,\"A1\":\"k\"}".getBytes(StandardCharsets.UTF_8)));
    AccumulatorCodec one = new AccumulatorCodec(List.of(SqlType.BYTES));
    ByteString b = SqlType.bytes(new byte[] {1, 2});
    assertArrayEquals(new Object[] {b}, one.decode(one.encode(new Object[] {b})));
  }
}

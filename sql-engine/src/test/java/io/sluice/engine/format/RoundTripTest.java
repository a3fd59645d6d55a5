package io.sluice.engine.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

/** Every type through every format that holds it, as keys and as values: bytes and back. */
class RoundTripTest {

  private static final SqlStruct INNER = SqlType.struct().field("C", SqlType.STRING).build();
  private static final SqlStruct STRUCT = SqlType.struct()
      .field("A", SqlType.INTEGER)
      .field("B", INNER)
      .field("mixedCase", SqlType.array(SqlType.BYTES))
      .build();

  private static ByteString allBytes() {
    byte[] b = new byte[256];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) i;
    }
    return SqlType.bytes(b);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A type with values to try; none null (nulls are tried separately). */
  private record Sample(SqlType type, List<Object> values) {}

  private static final List<Sample> SAMPLES = List.of(
      new Sample(SqlType.BOOLEAN, List.of(true, false)),
      new Sample(SqlType.INTEGER, List.of(0, 1, -1, 33, Integer.MIN_VALUE, Integer.MAX_VALUE)),
      new Sample(SqlType.BIGINT, List.of(0L, 10827272222L, Long.MIN_VALUE, Long.MAX_VALUE)),
      new Sample(SqlType.DOUBLE, List.of(0.0, 1234.589, -9876.54321, 1e300, 4.9e-324,
          Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)),
      new Sample(SqlType.decimal(4, 2), List.of(new BigDecimal("99.99"), new BigDecimal("-0.05"),
          new BigDecimal("0.00"), new BigDecimal("10.10"))),
      new Sample(SqlType.decimal(33, 16), List.of(
          new BigDecimal("12345678987654321.2345678987654321"),
          new BigDecimal("-0.0000001000000000"))),
      new Sample(SqlType.STRING, List.of("hello", "with,comma", "quote\"d", "line\nbreak\r\n",
          "  blanks  ", "\ttab", "ünïcödé ☃ 𝄞", "-1.5", "#hash", "!bang", "null",
          "{\"a\":1}")),
      new Sample(SqlType.BYTES, List.of(SqlType.bytes(new byte[0]), allBytes(),
          SqlType.bytes("variations".getBytes(StandardCharsets.UTF_8)))),
      new Sample(SqlType.DATE, List.of(0, -1, 19000)),
      new Sample(SqlType.TIME, List.of(0, 10, 86_399_999)),
      new Sample(SqlType.TIMESTAMP, List.of(0L, -508_291_200_000L, 1_647_734_400_000L)),
      new Sample(SqlType.array(SqlType.INTEGER), List.of(List.of(), Arrays.asList(1, null, 3))),
      new Sample(SqlType.array(SqlType.array(SqlType.STRING)),
          List.of(List.of(List.of("a", "b"), List.of()))),
      new Sample(SqlType.map(SqlType.STRING, SqlType.DOUBLE),
          List.of(map(), map("a", 1.5, "b", null, "", -2.0))),
      new Sample(SqlType.map(SqlType.STRING, SqlType.decimal(3, 1)),
          List.of(map("x", new BigDecimal("1.0")))),
      new Sample(STRUCT, List.of(
          Struct.of(STRUCT, 1, Struct.of(INNER, "c"), List.of(allBytes())),
          Struct.of(STRUCT, null, null, null))));

  private static boolean holds(Format format, SqlType type) {
    return switch (format) {
      case KAFKA -> switch (type.baseType()) {
        case INTEGER, BIGINT, DOUBLE, STRING, BYTES -> true;
        default -> false;
      };
      case DELIMITED -> !type.baseType().isContainer();
      default -> true;
    };
  }

  private static Serde serde(Format format, FormatOptions options, SerdeRole role,
      List<Column> columns) {
    return SerdeFactory.create(format, options, columns, role);
  }

  private static void assertRoundTrip(Serde serde, Object[] row) {
    byte[] bytes = serde.serialize(row);
    Object[] back = serde.deserialize(bytes);
    assertArrayEquals(row, back, serde + ": " + Arrays.deepToString(row));
    // Deterministic: the row read back writes the same bytes.
    assertArrayEquals(bytes, serde.serialize(back), serde + ": " + Arrays.deepToString(row));
  }

  @Test
  void singleColumnsInEveryFormatAndRole() {
    int tried = 0;
    for (Format format : List.of(Format.KAFKA, Format.JSON, Format.DELIMITED)) {
      for (Sample s : SAMPLES) {
        if (!holds(format, s.type())) {
          continue;
        }
        List<Column> cols = List.of(new Column("V", s.type()));
        List<Serde> serdes = new ArrayList<>(List.of(
            serde(format, FormatOptions.DEFAULTS, SerdeRole.VALUE, cols),
            serde(format, FormatOptions.DEFAULTS.withWrapSingleValue(false), SerdeRole.VALUE,
                cols)));
        if (s.type().baseType() != SqlBaseType.MAP) { // keys hold no maps
          serdes.add(serde(format, FormatOptions.DEFAULTS, SerdeRole.KEY, cols));
        }
        if (format == Format.DELIMITED) {
          serdes.add(serde(format, FormatOptions.DEFAULTS.withDelimiter('\t'), SerdeRole.VALUE,
              cols));
        }
        for (Serde serde : serdes) {
          for (Object v : s.values()) {
            if (format == Format.DELIMITED && v.equals(SqlType.bytes(new byte[0]))) {
              // An empty field is a null column (ksqlDB): empty BYTES read back as null.
              assertArrayEquals(new Object[] {null},
                  serde.deserialize(serde.serialize(new Object[] {v})));
              continue;
            }
            assertRoundTrip(serde, new Object[] {v});
            tried++;
          }
          assertNull(serde.serialize(null));
          assertNull(serde.deserialize(null));
        }
      }
    }
    assertEquals(476, tried); // every sample went through
  }

  @Test
  void rowsOfEveryTypeInJsonAndDelimited() {
    for (Format format : List.of(Format.JSON, Format.DELIMITED)) {
      List<Column> cols = new ArrayList<>();
      for (Sample s : SAMPLES) {
        if (holds(format, s.type())) {
          cols.add(new Column("C" + cols.size(), s.type()));
        }
      }
      for (SerdeRole role : SerdeRole.values()) {
        if (role == SerdeRole.KEY) {
          cols.removeIf(c -> c.type().baseType() == SqlBaseType.MAP);
        }
        Serde serde = serde(format, format == Format.DELIMITED
            ? FormatOptions.DEFAULTS.withDelimiter('|') : FormatOptions.DEFAULTS, role, cols);
        for (int variant = 0; variant < 3; variant++) {
          Object[] row = new Object[cols.size()];
          for (int i = 0; i < cols.size(); i++) {
            List<Object> values = sampleOf(cols.get(i).type()).values();
            // variant 2 leaves every other column null
            row[i] = variant == 2 && i % 2 == 0 ? null : values.get(variant % values.size());
            if (format == Format.DELIMITED && SqlType.bytes(new byte[0]).equals(row[i])) {
              row[i] = allBytes(); // an empty field would read back as null
            }
          }
          assertRoundTrip(serde, row);
        }
        // Every column null: JSON writes an object of nulls, DELIMITED empty fields.
        assertRoundTrip(serde, new Object[cols.size()]);
      }
    }
  }

  private static Sample sampleOf(SqlType type) {
    return SAMPLES.stream().filter(s -> s.type().equals(type)).findFirst().orElseThrow();
  }
}

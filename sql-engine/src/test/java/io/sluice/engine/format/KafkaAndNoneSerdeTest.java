package io.sluice.engine.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlType;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KAFKA's bytes are those of Kafka's standard serializers; NONE and no columns ignore bytes. */
class KafkaAndNoneSerdeTest {

  private static final HexFormat HEX = HexFormat.of();

  private static Serde kafka(SqlType type, SerdeRole role) {
    return SerdeFactory.create(Format.KAFKA, FormatOptions.DEFAULTS,
        List.of(new Column("K", type)), role);
  }

  @Test
  void bytesAreKafkaSerializers() {
    assertEquals("00000021", HEX.formatHex(kafka(SqlType.INTEGER, SerdeRole.KEY)
        .serialize(new Object[] {33})));
    assertEquals("ffffffffffffffff", HEX.formatHex(kafka(SqlType.BIGINT, SerdeRole.KEY)
        .serialize(new Object[] {-1L})));
    assertEquals("4008000000000000", HEX.formatHex(kafka(SqlType.DOUBLE, SerdeRole.KEY)
        .serialize(new Object[] {3.0})));
    assertEquals("c3bc", HEX.formatHex(kafka(SqlType.STRING, SerdeRole.VALUE)
        .serialize(new Object[] {"ü"})));
    assertEquals("00ff", HEX.formatHex(kafka(SqlType.BYTES, SerdeRole.VALUE)
        .serialize(new Object[] {SqlType.bytes(new byte[] {0, -1})})));
    assertArrayEquals(new Object[] {998877665544332211L}, kafka(SqlType.BIGINT, SerdeRole.KEY)
        .deserialize(HEX.parseHex("0ddcb9f1ccd763b3")));
    assertArrayEquals(new Object[] {""}, kafka(SqlType.STRING, SerdeRole.KEY)
        .deserialize(new byte[0]));
  }

  @Test
  void nullColumnIsNullBytes() {
    Serde s = kafka(SqlType.STRING, SerdeRole.VALUE);
    assertNull(s.serialize(new Object[] {null}));
    assertNull(s.serialize(null));
    assertNull(s.deserialize(null));
  }

  @Test
  void errors() {
    assertEquals("Failed to deserialize KAFKA key: column `K` INTEGER: expected 4 bytes (Kafka's"
        + " serialization of INTEGER), got 3", assertThrows(SerdeException.class,
            () -> kafka(SqlType.INTEGER, SerdeRole.KEY).deserialize(new byte[3])).getMessage());
    assertThrows(SerdeException.class,
        () -> kafka(SqlType.DOUBLE, SerdeRole.VALUE).deserialize(new byte[4]));
    assertEquals("Failed to serialize KAFKA value: column `K` BIGINT: expected java.lang.Long for"
        + " BIGINT, got java.lang.Integer", assertThrows(SerdeException.class,
            () -> kafka(SqlType.BIGINT, SerdeRole.VALUE).serialize(new Object[] {1}))
            .getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> kafka(SqlType.BIGINT, SerdeRole.VALUE).serialize(new Object[] {1L, 2L}));
  }

  @Test
  void noColumnsIgnoreTheBytes() {
    // none.json "as key format of keyless stream": the key is ignored
    for (Format f : List.of(Format.NONE, Format.KAFKA, Format.JSON, Format.DELIMITED)) {
      Serde s = SerdeFactory.create(f, FormatOptions.DEFAULTS, List.of(), SerdeRole.KEY);
      assertArrayEquals(new Object[0], s.deserialize(
          "data that should be ignored".getBytes(StandardCharsets.UTF_8)));
      assertNull(s.deserialize(null));
      assertNull(s.serialize(new Object[0]));
      assertNull(s.serialize(null));
    }
  }
}

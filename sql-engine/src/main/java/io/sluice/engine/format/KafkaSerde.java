package io.sluice.engine.format;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlBaseType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;

/**
 * The KAFKA format: one column, in the encoding of Kafka's standard serializers, so that records
 * written by any Kafka client with {@code IntegerSerializer}, {@code LongSerializer}, {@code
 * DoubleSerializer}, {@code StringSerializer} or a bytes serializer read back, and the other way
 * round: INTEGER as 4 bytes big-endian, BIGINT 8, DOUBLE 8 (IEEE 754 bits, big-endian), STRING
 * UTF-8 (malformed input replaced, as Kafka's {@code StringDeserializer} does), BYTES as they are.
 *
 * <p>A row whose column is null is written as null bytes (for a value: a tombstone), as Kafka's
 * serializers write null. An empty STRING or BYTES is empty bytes, not null.
 */
final class KafkaSerde extends AbstractSerde {

  private final SqlBaseType type;

  KafkaSerde(List<Column> columns, SerdeRole role) {
    super(Format.KAFKA, role, columns);
    if (columns.size() != 1) {
      throw new IllegalArgumentException("the KAFKA format holds one column");
    }
    this.type = columns.get(0).type().baseType();
  }

  @Override
  public Object[] deserialize(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    Object value = switch (type) {
      case INTEGER -> ByteBuffer.wrap(checkSize(bytes, Integer.BYTES)).getInt();
      case BIGINT -> ByteBuffer.wrap(checkSize(bytes, Long.BYTES)).getLong();
      case DOUBLE -> ByteBuffer.wrap(checkSize(bytes, Double.BYTES)).getDouble();
      case STRING -> new String(bytes, StandardCharsets.UTF_8);
      case BYTES -> new ByteString(bytes);
      default -> throw new AssertionError(type);
    };
    return new Object[] {value};
  }

  private byte[] checkSize(byte[] bytes, int size) {
    if (bytes.length != size) {
      throw columnError("deserialize", 0, null, new BadValue("expected " + size
          + " bytes (Kafka's serialization of " + type + "), got " + bytes.length));
    }
    return bytes;
  }

  @Override
  public byte[] serialize(Object[] row) {
    if (row == null) {
      return null;
    }
    checkArity(row);
    Object value = row[0];
    if (value == null) {
      return null;
    }
    try {
      Scalars.checkClass(value, columns.get(0).type());
    } catch (BadValue e) {
      throw columnError("serialize", 0, null, e);
    }
    return switch (type) {
      case INTEGER -> ByteBuffer.allocate(Integer.BYTES).putInt((Integer) value).array();
      case BIGINT -> ByteBuffer.allocate(Long.BYTES).putLong((Long) value).array();
      // doubleToLongBits, as Kafka's DoubleSerializer: every NaN written as the canonical NaN
      case DOUBLE -> ByteBuffer.allocate(Long.BYTES)
          .putLong(Double.doubleToLongBits((Double) value)).array();
      case STRING -> ((String) value).getBytes(StandardCharsets.UTF_8);
      case BYTES -> ((ByteString) value).getBytes();
      default -> throw new AssertionError(type);
    };
  }
}

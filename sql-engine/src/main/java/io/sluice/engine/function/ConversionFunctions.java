package io.sluice.engine.function;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Conversions between strings and bytes in ksqlDB's encodings ({@code hex}, {@code utf8},
 * {@code ascii}, {@code base64}) and numbers read from bytes. Malformed input is an error, which
 * makes the result null.
 */
@FunctionCategory(FunctionCategory.CONVERSIONS)
public final class ConversionFunctions {

  private ConversionFunctions() {}

  @Udf(name = "TO_BYTES", strict = true, description = "string decoded to bytes by encoding "
      + "(hex, utf8, ascii or base64)")
  public static ByteString toBytes(String string, String encoding) {
    return new ByteString(decode(string, encoding));
  }

  @Udf(name = "FROM_BYTES", strict = true, description = "bytes as a string in encoding "
      + "(hex, utf8, ascii or base64)")
  public static String fromBytes(ByteString bytes, String encoding) {
    return encode(bytes.getBytes(), encoding);
  }

  @Udf(name = "ENCODE", strict = true, description = "input, written in inputEncoding, rewritten "
      + "in outputEncoding (hex, utf8, ascii, base64)")
  @FunctionCategory(FunctionCategory.STRING)
  public static String encode(String input, String inputEncoding, String outputEncoding) {
    return encode(decode(input, inputEncoding), outputEncoding);
  }

  private static byte[] decode(String s, String encoding) {
    return switch (encoding.toLowerCase(Locale.ROOT)) {
      case "hex" -> HexFormat.of().parseHex(stripHexPrefix(s));
      case "utf8" -> s.getBytes(StandardCharsets.UTF_8);
      case "ascii" -> s.getBytes(StandardCharsets.US_ASCII);
      case "base64" -> Base64.getDecoder().decode(s);
      default -> throw new IllegalArgumentException("Unknown encoding " + encoding);
    };
  }

  private static String encode(byte[] b, String encoding) {
    return switch (encoding.toLowerCase(Locale.ROOT)) {
      case "hex" -> HexFormat.of().formatHex(b);
      case "utf8" -> new String(b, StandardCharsets.UTF_8);
      case "ascii" -> new String(b, StandardCharsets.US_ASCII);
      case "base64" -> Base64.getEncoder().encodeToString(b);
      default -> throw new IllegalArgumentException("Unknown encoding " + encoding);
    };
  }

  /** ksqlDB accepts hex as {@code 0x...}, {@code X'...'} and {@code x'...'} too. */
  private static String stripHexPrefix(String s) {
    if (s.startsWith("0x") || s.startsWith("0X")) {
      return s.substring(2);
    }
    if ((s.startsWith("X'") || s.startsWith("x'")) && s.endsWith("'") && s.length() >= 3) {
      return s.substring(2, s.length() - 1);
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers from bytes

  @Udf(name = "INT_FROM_BYTES", strict = true,
      description = "The INT in 4 big-endian bytes; an error for another length")
  public static Integer intFromBytes(ByteString value) {
    return buffer(value, 4, "BIG_ENDIAN").getInt();
  }

  @Udf(name = "INT_FROM_BYTES", strict = true,
      description = "The INT in 4 bytes of byteOrder (BIG_ENDIAN or LITTLE_ENDIAN)")
  public static Integer intFromBytes(ByteString value, String byteOrder) {
    return buffer(value, 4, byteOrder).getInt();
  }

  @Udf(name = "BIGINT_FROM_BYTES", strict = true,
      description = "The BIGINT in 8 big-endian bytes; an error for another length")
  public static Long bigintFromBytes(ByteString value) {
    return buffer(value, 8, "BIG_ENDIAN").getLong();
  }

  @Udf(name = "BIGINT_FROM_BYTES", strict = true,
      description = "The BIGINT in 8 bytes of byteOrder (BIG_ENDIAN or LITTLE_ENDIAN)")
  public static Long bigintFromBytes(ByteString value, String byteOrder) {
    return buffer(value, 8, byteOrder).getLong();
  }

  @Udf(name = "DOUBLE_FROM_BYTES", strict = true,
      description = "The DOUBLE in 8 big-endian bytes; an error for another length")
  public static Double doubleFromBytes(ByteString value) {
    return buffer(value, 8, "BIG_ENDIAN").getDouble();
  }

  @Udf(name = "DOUBLE_FROM_BYTES", strict = true,
      description = "The DOUBLE in 8 bytes of byteOrder (BIG_ENDIAN or LITTLE_ENDIAN)")
  public static Double doubleFromBytes(ByteString value, String byteOrder) {
    return buffer(value, 8, byteOrder).getDouble();
  }

  private static ByteBuffer buffer(ByteString value, int size, String byteOrder) {
    if (value.length() != size) {
      throw new IllegalArgumentException("Number of bytes must be equal to " + size
          + ", but found " + value.length());
    }
    ByteOrder order = switch (byteOrder.toUpperCase(Locale.ROOT)) {
      case "BIG_ENDIAN" -> ByteOrder.BIG_ENDIAN;
      case "LITTLE_ENDIAN" -> ByteOrder.LITTLE_ENDIAN;
      default -> throw new IllegalArgumentException("Byte order must be BIG_ENDIAN or "
          + "LITTLE_ENDIAN, not " + byteOrder);
    };
    return ByteBuffer.wrap(value.getBytes()).order(order);
  }
}

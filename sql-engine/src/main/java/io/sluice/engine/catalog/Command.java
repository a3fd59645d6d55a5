package io.sluice.engine.catalog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One accepted statement of the command log: its text and the session properties it ran with.
 * Immutable.
 *
 * <h2>Record format, version 1</h2>
 *
 * <p>The record value is written with {@link DataOutputStream} (big-endian):
 *
 * <pre>
 * value      := magic version statement count property*
 * magic      := u8 0x53 u8 0x43          ("SC": Sluice Command)
 * version    := u8 1
 * statement  := string                   the statement's text
 * count      := i32 (>= 0)               number of session properties
 * property   := string string            name, value
 * string     := i32 length (>= 0), then that many bytes of UTF-8
 * </pre>
 *
 * <p>Strings are length-prefixed rather than {@code writeUTF} (which stops at 64 KiB). The record
 * has no key. A reader refuses a record of another magic or of a version above its own: a newer
 * version may change the meaning of the fields, and replaying a log partly would rebuild a wrong
 * catalog. Later versions may only append fields after these.
 *
 * @param statement the statement's text, as parsed by {@link io.sluice.grammar.SqlParser}
 * @param properties the session properties that affect the statement, in insertion order
 */
public record Command(String statement, Map<String, String> properties) {

  /** The version {@link #encode()} writes and the highest {@link #decode} reads. */
  public static final int VERSION = 1;

  private static final int MAGIC_0 = 0x53;
  private static final int MAGIC_1 = 0x43;

  /** @throws NullPointerException for a null text, map, or a null key or value in the map */
  public Command {
    Objects.requireNonNull(statement, "statement");
    Map<String, String> copy = new LinkedHashMap<>();
    properties.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "property name"),
        Objects.requireNonNull(v, "property value")));
    properties = Collections.unmodifiableMap(copy);
  }

  /** A command without session properties. */
  public static Command of(String statement) {
    return new Command(statement, Map.of());
  }

  /** The record value for this command (see the class doc). */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + statement.length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(MAGIC_0);
      out.writeByte(MAGIC_1);
      out.writeByte(VERSION);
      writeString(out, statement);
      out.writeInt(properties.size());
      for (Map.Entry<String, String> e : properties.entrySet()) {
        writeString(out, e.getKey());
        writeString(out, e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen writing to memory
    }
    return bytes.toByteArray();
  }

  /**
   * The command a record value holds.
   *
   * @throws IllegalArgumentException for a value that is not a command of a version up to
   *     {@link #VERSION} (wrong magic, newer version, truncated or negative lengths)
   */
  public static Command decode(byte[] value) {
    if (value == null) {
      throw new IllegalArgumentException("a command record has a value; this one is null");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      if (in.readUnsignedByte() != MAGIC_0 || in.readUnsignedByte() != MAGIC_1) {
        throw new IllegalArgumentException("not a Sluice command record (bad magic)");
      }
      int version = in.readUnsignedByte();
      if (version < 1 || version > VERSION) {
        throw new IllegalArgumentException("command record version " + version
            + " is not supported (this engine reads up to " + VERSION + "): upgrade Sluice");
      }
      String statement = readString(in);
      int count = in.readInt();
      if (count < 0) {
        throw new IllegalArgumentException("negative property count " + count);
      }
      Map<String, String> properties = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        properties.put(readString(in), readString(in));
      }
      return new Command(statement, properties);
    } catch (EOFException e) {
      throw new IllegalArgumentException("truncated command record", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IllegalArgumentException("bad string length " + length + " in command record");
    }
    byte[] b = new byte[length];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}

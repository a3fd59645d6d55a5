package io.sluice.engine.function;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.calcite.avatica.util.ByteString;

/**
 * ksqlDB's string functions (and their BYTES variants). Null arguments give null unless a
 * function's description says otherwise; positions are 1-based.
 */
@FunctionCategory(FunctionCategory.STRING)
public final class StringFunctions {

  private StringFunctions() {}

  @Udf(name = "LCASE", strict = true, description = "input in lower case")
  public static String lcase(String input) {
    return input.toLowerCase(Locale.ROOT);
  }

  @Udf(name = "UCASE", strict = true, description = "input in upper case")
  public static String ucase(String input) {
    return input.toUpperCase(Locale.ROOT);
  }

  @Udf(name = "TRIM", strict = true, description = "input without leading and trailing whitespace")
  public static String trim(String input) {
    return input.trim();
  }

  @Udf(name = "LTRIM", strict = true, description = "input without leading whitespace")
  public static String ltrim(String input) {
    int i = 0;
    while (i < input.length() && input.charAt(i) <= ' ') {
      i++;
    }
    return input.substring(i);
  }

  @Udf(name = "RTRIM", strict = true, description = "input without trailing whitespace")
  public static String rtrim(String input) {
    int i = input.length();
    while (i > 0 && input.charAt(i - 1) <= ' ') {
      i--;
    }
    return input.substring(0, i);
  }

  @Udf(name = "LEN", strict = true, description = "The number of characters of input")
  public static Integer len(String input) {
    return input.length();
  }

  @Udf(name = "LEN", strict = true, description = "The number of bytes of input")
  public static Integer len(ByteString input) {
    return input.length();
  }

  @Udf(name = "INITCAP", strict = true,
      description = "input with the first letter of each space-separated word in upper case and "
          + "the rest in lower case")
  public static String initcap(String input) {
    StringBuilder sb = new StringBuilder(input.length());
    boolean wordStart = true;
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      sb.append(wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c));
      wordStart = Character.isWhitespace(c);
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Substrings and positions

  @Udf(name = "SUBSTRING",
      description = "The part of str from the 1-based position pos to its end; a negative pos "
          + "counts from the end")
  public static String substring(String str, Integer pos) {
    if (str == null || pos == null) {
      return null;
    }
    return str.substring(substringStart(str.length(), pos));
  }

  @Udf(name = "SUBSTRING",
      description = "The part of str of at most len characters from the 1-based position pos; "
          + "a negative pos counts from the end")
  public static String substring(String str, Integer pos, Integer len) {
    if (str == null || pos == null || len == null) {
      return null;
    }
    int start = substringStart(str.length(), pos);
    return str.substring(start, substringEnd(str.length(), start, len));
  }

  @Udf(name = "SUBSTRING", description = "The bytes of str from the 1-based position pos")
  public static ByteString substring(ByteString str, Integer pos) {
    if (str == null || pos == null) {
      return null;
    }
    return str.substring(substringStart(str.length(), pos));
  }

  @Udf(name = "SUBSTRING",
      description = "At most len bytes of str from the 1-based position pos")
  public static ByteString substring(ByteString str, Integer pos, Integer len) {
    if (str == null || pos == null || len == null) {
      return null;
    }
    int start = substringStart(str.length(), pos);
    return str.substring(start, substringEnd(str.length(), start, len));
  }

  /** 0-based start of ksqlDB's SUBSTRING, clamped to {@code [0, length]}. */
  private static int substringStart(int length, int pos) {
    int start = pos < 0 ? length + pos : pos - 1;
    return Math.min(Math.max(start, 0), length);
  }

  /** A negative or zero length gives the empty string; the end never passes the string's end. */
  private static int substringEnd(int length, int start, int len) {
    return (int) Math.min((long) start + Math.max(len, 0), length);
  }

  @Udf(name = "INSTR", description = "1-based position of the first substring in string; 0 if "
      + "none or an argument is null")
  public static Integer instr(String string, String substring) {
    return instr(string, substring, 1, 1);
  }

  @Udf(name = "INSTR", description = "As INSTR(string, substring), searching from position; "
      + "a negative position searches backwards from that many characters before the end")
  public static Integer instr(String string, String substring, Integer position) {
    return instr(string, substring, position, 1);
  }

  @Udf(name = "INSTR", description = "1-based position of the occurrence-th substring in string "
      + "searching from position (backwards if negative); 0 if none")
  public static Integer instr(String string, String substring, Integer position,
      Integer occurrence) {
    if (string == null || substring == null || position == null || occurrence == null
        || occurrence <= 0 || position == 0) {
      return 0;
    }
    if (position > 0) {
      int at = position - 1;
      for (int n = 0; n < occurrence; n++) {
        at = string.indexOf(substring, n == 0 ? at : at + 1);
        if (at < 0) {
          return 0;
        }
      }
      return at + 1;
    }
    int at = string.length() + position;
    for (int n = 0; n < occurrence; n++) {
      if (at < 0) {
        return 0;
      }
      at = string.lastIndexOf(substring, n == 0 ? at : at - 1);
      if (at < 0) {
        return 0;
      }
    }
    return at + 1;
  }

  @Udf(name = "REPLACE", strict = true,
      description = "str with every occurrence of substring replaced by replacement")
  public static String replace(String str, String substring, String replacement) {
    return str.replace(substring, replacement);
  }

  // ---------------------------------------------------------------------------------------------
  // Padding

  @Udf(name = "LPAD", description = "input padded on the left with padding to length characters "
      + "(truncated if longer); null for a negative length or empty padding")
  public static String lpad(String input, Integer length, String padding) {
    if (input == null || length == null || padding == null || length < 0 || padding.isEmpty()) {
      return null;
    }
    if (length <= input.length()) {
      return input.substring(0, length);
    }
    return fill(padding, length - input.length()) + input;
  }

  @Udf(name = "RPAD", description = "input padded on the right with padding to length characters "
      + "(truncated if longer); null for a negative length or empty padding")
  public static String rpad(String input, Integer length, String padding) {
    if (input == null || length == null || padding == null || length < 0 || padding.isEmpty()) {
      return null;
    }
    if (length <= input.length()) {
      return input.substring(0, length);
    }
    return input + fill(padding, length - input.length());
  }

  @Udf(name = "LPAD", description = "input padded on the left with padding to length bytes")
  public static ByteString lpad(ByteString input, Integer length, ByteString padding) {
    if (input == null || length == null || padding == null || length < 0
        || padding.length() == 0) {
      return null;
    }
    if (length <= input.length()) {
      return input.substring(0, length);
    }
    return fill(padding, length - input.length()).concat(input);
  }

  @Udf(name = "RPAD", description = "input padded on the right with padding to length bytes")
  public static ByteString rpad(ByteString input, Integer length, ByteString padding) {
    if (input == null || length == null || padding == null || length < 0
        || padding.length() == 0) {
      return null;
    }
    if (length <= input.length()) {
      return input.substring(0, length);
    }
    return input.concat(fill(padding, length - input.length()));
  }

  private static String fill(String padding, int n) {
    StringBuilder sb = new StringBuilder(n);
    while (sb.length() < n) {
      sb.append(padding, 0, Math.min(padding.length(), n - sb.length()));
    }
    return sb.toString();
  }

  private static ByteString fill(ByteString padding, int n) {
    byte[] out = new byte[n];
    byte[] p = padding.getBytes();
    for (int i = 0; i < n; i++) {
      out[i] = p[i % p.length];
    }
    return new ByteString(out);
  }

  // ---------------------------------------------------------------------------------------------
  // Concatenation and splitting

  @Udf(name = "CONCAT",
      description = "The strings one after another; null strings are skipped; needs at least two")
  public static String concat(String... strings) {
    if (strings == null) {
      return null;
    }
    atLeastTwo(strings.length);
    StringBuilder sb = new StringBuilder();
    for (String s : strings) {
      if (s != null) {
        sb.append(s);
      }
    }
    return sb.toString();
  }

  @Udf(name = "CONCAT", description = "The byte strings one after another; nulls are skipped")
  public static ByteString concat(ByteString... bytes) {
    if (bytes == null) {
      return null;
    }
    atLeastTwo(bytes.length);
    return concatWs(ByteString.EMPTY, bytes);
  }

  /** ksqlDB rejects (at run time: the result is null) a CONCAT of fewer than two arguments. */
  private static void atLeastTwo(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("Concat should have at least two input arguments.");
    }
  }

  @Udf(name = "CONCAT_WS", description = "The strings joined with separator; null strings are "
      + "skipped; null if the separator is null")
  public static String concatWs(String separator, String... strings) {
    if (separator == null || strings == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    boolean first = true;
    for (String s : strings) {
      if (s != null) {
        sb.append(first ? "" : separator).append(s);
        first = false;
      }
    }
    return sb.toString();
  }

  @Udf(name = "CONCAT_WS", description = "The byte strings joined with separator; nulls skipped")
  public static ByteString concatWs(ByteString separator, ByteString... bytes) {
    if (separator == null || bytes == null) {
      return null;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    boolean first = true;
    for (ByteString b : bytes) {
      if (b != null) {
        if (!first) {
          out.writeBytes(separator.getBytes());
        }
        out.writeBytes(b.getBytes());
        first = false;
      }
    }
    return new ByteString(out.toByteArray());
  }

  @Udf(name = "SPLIT", strict = true, returns = "ARRAY<STRING>",
      description = "string split around each delimiter (kept empty parts); an empty delimiter "
          + "splits into characters")
  public static List<String> split(String string, String delimiter) {
    List<String> out = new ArrayList<>();
    if (delimiter.isEmpty()) {
      for (int i = 0; i < string.length(); i++) {
        out.add(string.substring(i, i + 1));
      }
      if (out.isEmpty()) {
        out.add("");
      }
      return out;
    }
    int from = 0;
    int at;
    while ((at = string.indexOf(delimiter, from)) >= 0) {
      out.add(string.substring(from, at));
      from = at + delimiter.length();
    }
    out.add(string.substring(from));
    return out;
  }

  @Udf(name = "SPLIT", strict = true, returns = "ARRAY<BYTES>",
      description = "bytes split around each delimiter; an empty delimiter splits into bytes")
  public static List<ByteString> split(ByteString bytes, ByteString delimiter) {
    List<ByteString> out = new ArrayList<>();
    if (delimiter.length() == 0) {
      for (int i = 0; i < bytes.length(); i++) {
        out.add(bytes.substring(i, i + 1));
      }
      if (out.isEmpty()) {
        out.add(ByteString.EMPTY);
      }
      return out;
    }
    int from = 0;
    int at;
    while ((at = bytes.indexOf(delimiter, from)) >= 0) {
      out.add(bytes.substring(from, at));
      from = at + delimiter.length();
    }
    out.add(bytes.substring(from));
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Characters, lists of strings, hashes

  @Udf(name = "CHR", strict = true,
      description = "The character of a Unicode code point; null if not a valid code point")
  public static String chr(Integer decimalCode) {
    return Character.isValidCodePoint(decimalCode)
        ? new String(Character.toChars(decimalCode)) : null;
  }

  @Udf(name = "CHR", strict = true,
      description = "The character of a UTF-16 code written as \\uXXXX; null if malformed")
  public static String chr(String utf16Code) {
    if (utf16Code.length() != 6 || !utf16Code.startsWith("\\u")) {
      return null;
    }
    return chr(Integer.parseInt(utf16Code.substring(2), 16));
  }

  @Udf(name = "ELT", description = "The n-th (1-based) string argument; null if out of range")
  public static String elt(Integer n, String... args) {
    if (n == null || args == null || n < 1 || n > args.length) {
      return null;
    }
    return args[n - 1];
  }

  @Udf(name = "FIELD", description = "1-based position of str among the arguments; 0 if absent "
      + "or str is null")
  public static Integer field(String str, String... args) {
    if (str == null || args == null) {
      return 0;
    }
    for (int i = 0; i < args.length; i++) {
      if (str.equals(args[i])) {
        return i + 1;
      }
    }
    return 0;
  }

  @Udf(name = "UUID", deterministic = false, description = "A random type 4 UUID")
  public static String uuid() {
    return UUID.randomUUID().toString();
  }

  @Udf(name = "UUID", strict = true,
      description = "The UUID whose 16 bytes (big-endian) are bytes; null if not 16 bytes")
  public static String uuid(ByteString bytes) {
    if (bytes.length() != 16) {
      return null;
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes.getBytes());
    return new UUID(b.getLong(), b.getLong()).toString();
  }

  @Udf(name = "MD5", strict = true, description = "The MD5 hash of the UTF-8 bytes of input, in "
      + "lower-case hex")
  public static String md5(String input) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest(input.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

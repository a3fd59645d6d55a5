package io.sluice.engine.function;

import java.util.List;

/**
 * A few of ksqlDB's scalar functions with ksqlDB's semantics, as plain static methods. Compiled
 * expressions call them directly. They follow ksqlDB's null convention (return null when an input
 * is null) except where ksqlDB's function says otherwise (CONCAT skips nulls).
 */
public final class BuiltInFunctions {

  private BuiltInFunctions() {}

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
    // A negative or zero length gives the empty string; the end never passes the string's end.
    long end = Math.min((long) start + Math.max(len, 0), str.length());
    return str.substring(start, (int) end);
  }

  /** 0-based start of ksqlDB's SUBSTRING, clamped to {@code [0, length]}. */
  private static int substringStart(int length, int pos) {
    int start = pos < 0 ? length + pos : pos - 1;
    return Math.min(Math.max(start, 0), length);
  }

  @Udf(name = "UCASE", strict = true, description = "str in upper case")
  public static String ucase(String str) {
    return str.toUpperCase(java.util.Locale.ROOT);
  }

  @Udf(name = "CONCAT",
      description = "The strings one after another; null strings are skipped; needs at least two")
  public static String concat(String... strings) {
    if (strings == null) {
      return null;
    }
    if (strings.length < 2) {
      throw new IllegalArgumentException("Concat should have at least two input arguments.");
    }
    StringBuilder sb = new StringBuilder();
    for (String s : strings) {
      if (s != null) {
        sb.append(s);
      }
    }
    return sb.toString();
  }

  @Udf(name = "ARRAY_LENGTH", description = "The number of elements of array")
  public static Integer arrayLength(List<?> array) {
    return array == null ? null : array.size();
  }
}

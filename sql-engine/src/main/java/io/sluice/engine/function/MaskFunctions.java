package io.sluice.engine.function;

/**
 * ksqlDB's MASK family: upper-case letters become {@code X}, lower-case {@code x}, digits
 * {@code n} and other characters {@code -}, unless the call gives other masks; a null mask (of a
 * call that gives masks) leaves that class of characters as is. Only a mask's first character is
 * used.
 */
@FunctionCategory(FunctionCategory.STRING)
public final class MaskFunctions {

  private MaskFunctions() {}

  @Udf(name = "MASK", description = "input with every character masked")
  public static String mask(String input) {
    return mask(input, "X", "x", "n", "-");
  }

  @Udf(name = "MASK", description = "input with every character masked by the given masks")
  public static String mask(String input, String upper, String lower, String digit,
      String other) {
    return input == null ? null : apply(input, 0, input.length(), upper, lower, digit, other);
  }

  @Udf(name = "MASK_KEEP_LEFT", description = "input masked except its first numChars characters")
  public static String maskKeepLeft(String input, Integer numChars) {
    return maskKeepLeft(input, numChars, "X", "x", "n", "-");
  }

  @Udf(name = "MASK_KEEP_LEFT", description = "As MASK_KEEP_LEFT(input, numChars), given masks")
  public static String maskKeepLeft(String input, Integer numChars, String upper, String lower,
      String digit, String other) {
    if (input == null || numChars == null) {
      return null;
    }
    int keep = clamp(numChars, input.length());
    return apply(input, keep, input.length(), upper, lower, digit, other);
  }

  @Udf(name = "MASK_KEEP_RIGHT", description = "input masked except its last numChars characters")
  public static String maskKeepRight(String input, Integer numChars) {
    return maskKeepRight(input, numChars, "X", "x", "n", "-");
  }

  @Udf(name = "MASK_KEEP_RIGHT", description = "As MASK_KEEP_RIGHT(input, numChars), given masks")
  public static String maskKeepRight(String input, Integer numChars, String upper, String lower,
      String digit, String other) {
    if (input == null || numChars == null) {
      return null;
    }
    int keep = clamp(numChars, input.length());
    return apply(input, 0, input.length() - keep, upper, lower, digit, other);
  }

  @Udf(name = "MASK_LEFT", description = "input with its first numChars characters masked")
  public static String maskLeft(String input, Integer numChars) {
    return maskLeft(input, numChars, "X", "x", "n", "-");
  }

  @Udf(name = "MASK_LEFT", description = "As MASK_LEFT(input, numChars), given masks")
  public static String maskLeft(String input, Integer numChars, String upper, String lower,
      String digit, String other) {
    if (input == null || numChars == null) {
      return null;
    }
    return apply(input, 0, clamp(numChars, input.length()), upper, lower, digit, other);
  }

  @Udf(name = "MASK_RIGHT", description = "input with its last numChars characters masked")
  public static String maskRight(String input, Integer numChars) {
    return maskRight(input, numChars, "X", "x", "n", "-");
  }

  @Udf(name = "MASK_RIGHT", description = "As MASK_RIGHT(input, numChars), given masks")
  public static String maskRight(String input, Integer numChars, String upper, String lower,
      String digit, String other) {
    if (input == null || numChars == null) {
      return null;
    }
    int n = clamp(numChars, input.length());
    return apply(input, input.length() - n, input.length(), upper, lower, digit, other);
  }

  /** A negative count is an error, as in ksqlDB; more than the length means all. */
  private static int clamp(int numChars, int length) {
    if (numChars < 0) {
      throw new IllegalArgumentException("function mask requires a non-negative number of "
          + "characters not to mask");
    }
    return Math.min(numChars, length);
  }

  private static String apply(String s, int from, int to, String upper, String lower,
      String digit, String other) {
    StringBuilder sb = new StringBuilder(s);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      String m = Character.isUpperCase(c) ? upper : Character.isLowerCase(c) ? lower
          : Character.isDigit(c) ? digit : other;
      if (m != null && !m.isEmpty()) {
        sb.setCharAt(i, m.charAt(0));
      }
    }
    return sb.toString();
  }
}

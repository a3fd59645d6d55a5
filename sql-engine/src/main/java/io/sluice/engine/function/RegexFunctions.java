package io.sluice.engine.function;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ksqlDB's regular-expression functions (Java {@link Pattern} syntax). Patterns are compiled once
 * and cached, as they are usually literals.
 */
@FunctionCategory(FunctionCategory.REGULAR_EXPRESSION)
public final class RegexFunctions {

  private static final int CACHE_LIMIT = 1024;
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private RegexFunctions() {}

  static Pattern pattern(String regex) {
    Pattern p = PATTERNS.get(regex);
    if (p == null) {
      if (PATTERNS.size() >= CACHE_LIMIT) {
        PATTERNS.clear();
      }
      p = Pattern.compile(regex);
      PATTERNS.put(regex, p);
    }
    return p;
  }

  @Udf(name = "REGEXP_EXTRACT", strict = true,
      description = "The first substring of input matching pattern; null if none")
  public static String regexpExtract(String pattern, String input) {
    Matcher m = pattern(pattern).matcher(input);
    return m.find() ? m.group() : null;
  }

  @Udf(name = "REGEXP_EXTRACT", strict = true,
      description = "Capturing group number group of the first match of pattern in input")
  public static String regexpExtract(String pattern, String input, Integer group) {
    Matcher m = pattern(pattern).matcher(input);
    return m.find() && group <= m.groupCount() ? m.group(group) : null;
  }

  @Udf(name = "REGEXP_EXTRACT_ALL", strict = true, returns = "ARRAY<STRING>",
      description = "Every substring of input matching pattern")
  public static List<String> regexpExtractAll(String pattern, String input) {
    return regexpExtractAll(pattern, input, 0);
  }

  @Udf(name = "REGEXP_EXTRACT_ALL", strict = true, returns = "ARRAY<STRING>",
      description = "Capturing group number group of every match of pattern in input")
  public static List<String> regexpExtractAll(String pattern, String input, Integer group) {
    Matcher m = pattern(pattern).matcher(input);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(group <= m.groupCount() ? m.group(group) : null);
    }
    return out;
  }

  @Udf(name = "REGEXP_REPLACE", strict = true,
      description = "str with every match of regex replaced by replacement ($n: group n)")
  public static String regexpReplace(String str, String regex, String replacement) {
    return pattern(regex).matcher(str).replaceAll(replacement);
  }

  @Udf(name = "REGEXP_SPLIT_TO_ARRAY", strict = true, returns = "ARRAY<STRING>",
      description = "string split around each match of regex, empty parts kept")
  public static List<String> regexpSplitToArray(String string, String regex) {
    if (regex.isEmpty()) {
      return StringFunctions.split(string, "");
    }
    return Arrays.asList(pattern(regex).split(string, -1));
  }
}

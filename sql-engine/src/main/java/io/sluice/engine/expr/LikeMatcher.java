package io.sluice.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A compiled ksqlDB LIKE pattern: {@code %} matches any run of characters, {@code _} any one
 * character, everything else itself; an escape character (if given) makes the next character
 * literal, whatever it is, and may not end the pattern. Matching is case-sensitive and covers the
 * whole value. Immutable and thread-safe.
 *
 * <p>Patterns made of one literal and {@code %} wildcards skip the regex engine: {@code 'A'},
 * {@code 'A%'}, {@code '%A'} and {@code '%A%'} compile to {@code equals}, {@code startsWith},
 * {@code endsWith} and {@code contains}; other patterns to one {@link Pattern}.
 */
public final class LikeMatcher {

  private enum Kind { EXACT, PREFIX, SUFFIX, CONTAINS, ANY, REGEX }

  private final Kind kind;
  private final String literal;
  private final Pattern regex;

  private LikeMatcher(Kind kind, String literal, Pattern regex) {
    this.kind = kind;
    this.literal = literal;
    this.regex = regex;
  }

  /**
   * Compiles {@code pattern}.
   *
   * @param escape the escape character, or {@code null} for none
   * @throws IllegalArgumentException if the pattern ends with the escape character
   */
  public static LikeMatcher compile(String pattern, Character escape) {
    // Tokens: a String is literal text, PERCENT and UNDERSCORE are the wildcards.
    List<Object> tokens = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (escape != null && c == escape) {
        if (i + 1 == pattern.length()) {
          throw new IllegalArgumentException("LIKE pattern must not end with escape character");
        }
        text.append(pattern.charAt(++i));
      } else if (c == '%' || c == '_') {
        if (text.length() > 0) {
          tokens.add(text.toString());
          text.setLength(0);
        }
        Wildcard w = c == '%' ? Wildcard.PERCENT : Wildcard.UNDERSCORE;
        if (w == Wildcard.UNDERSCORE || tokens.isEmpty() || tokens.get(tokens.size() - 1) != w) {
          tokens.add(w);
        }
      } else {
        text.append(c);
      }
    }
    if (text.length() > 0) {
      tokens.add(text.toString());
    }

    String shape = shape(tokens);
    switch (shape) {
      case "" -> {
        return new LikeMatcher(Kind.EXACT, "", null);
      }
      case "L" -> {
        return new LikeMatcher(Kind.EXACT, (String) tokens.get(0), null);
      }
      case "%" -> {
        return new LikeMatcher(Kind.ANY, null, null);
      }
      case "L%" -> {
        return new LikeMatcher(Kind.PREFIX, (String) tokens.get(0), null);
      }
      case "%L" -> {
        return new LikeMatcher(Kind.SUFFIX, (String) tokens.get(1), null);
      }
      case "%L%" -> {
        return new LikeMatcher(Kind.CONTAINS, (String) tokens.get(1), null);
      }
      default -> {
        StringBuilder regex = new StringBuilder();
        for (Object t : tokens) {
          if (t == Wildcard.PERCENT) {
            regex.append("(?s:.*)");
          } else if (t == Wildcard.UNDERSCORE) {
            regex.append("(?s:.)");
          } else {
            regex.append(Pattern.quote((String) t));
          }
        }
        return new LikeMatcher(Kind.REGEX, null, Pattern.compile(regex.toString()));
      }
    }
  }

  private enum Wildcard { PERCENT, UNDERSCORE }

  private static String shape(List<Object> tokens) {
    StringBuilder s = new StringBuilder();
    for (Object t : tokens) {
      s.append(t == Wildcard.PERCENT ? "%" : t == Wildcard.UNDERSCORE ? "_" : "L");
    }
    return s.toString();
  }

  /** Whether {@code value} (not null) matches. */
  public boolean matches(String value) {
    return switch (kind) {
      case EXACT -> value.equals(literal);
      case PREFIX -> value.startsWith(literal);
      case SUFFIX -> value.endsWith(literal);
      case CONTAINS -> value.contains(literal);
      case ANY -> true;
      case REGEX -> regex.matcher(value).matches();
    };
  }

  @Override
  public String toString() {
    return kind == Kind.REGEX ? "REGEX " + regex.pattern() : kind + " '" + literal + "'";
  }
}

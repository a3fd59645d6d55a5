package io.sluice.grammar;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * ksqlDB's variable substitution: {@code ${name}} is replaced by the variable's value, as plain
 * text, everywhere in a statement (inside string literals too: {@code '${fmt}'} becomes
 * {@code 'JSON'}). Names are case-insensitive and follow ksqlDB's rule: a letter or underscore,
 * then letters, digits or underscores. {@code $${name}} is an escape and becomes the literal
 * text {@code ${name}}.
 */
public final class Variables {
  private Variables() {}

  /**
   * Substitutes every {@code ${name}} in {@code sql}.
   *
   * @param variables values by name; names are matched case-insensitively
   * @return the substituted text
   * @throws SqlSyntaxException for an unknown variable, an invalid name or an unterminated
   *     {@code ${}, at its position in {@code sql}
   */
  public static String substitute(String sql, Map<String, String> variables) {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(variables, "variables");
    if (sql.indexOf("${") < 0) {
      return sql;
    }
    Map<String, String> byName = new HashMap<>();
    variables.forEach((name, value) -> byName.put(normalize(name), value));
    StringBuilder out = new StringBuilder(sql.length());
    int line = 1;
    int column = 1;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '$' && sql.startsWith("$${", i)) {
        out.append("${");
        i += 3;
        column += 3;
      } else if (c == '$' && sql.startsWith("${", i)) {
        int end = sql.indexOf('}', i + 2);
        if (end < 0) {
          throw new SqlSyntaxException(line, column, "${", List.of(),
              "unterminated variable reference: missing '}'");
        }
        String reference = sql.substring(i, end + 1);
        String name = sql.substring(i + 2, end);
        if (!isValidName(name)) {
          throw new SqlSyntaxException(line, column, reference, List.of(),
              "invalid variable name '" + name + "' in " + reference);
        }
        String value = byName.get(normalize(name));
        if (value == null) {
          throw new SqlSyntaxException(line, column, reference, List.of(),
              "unknown variable '" + name + "' in " + reference);
        }
        out.append(value);
        column += reference.codePointCount(0, reference.length());
        i = end + 1;
      } else {
        out.append(c);
        if (c == '\n') {
          line++;
          column = 1;
        } else if (!Character.isLowSurrogate(c)) {
          column++;
        }
        i++;
      }
    }
    return out.toString();
  }

  /** Whether {@code name} is a valid variable name. */
  public static boolean isValidName(String name) {
    if (name.isEmpty() || !(isAsciiLetter(name.charAt(0)) || name.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** The canonical (upper-case) form of a variable name. */
  static String normalize(String name) {
    return name.toUpperCase(Locale.ROOT);
  }
}

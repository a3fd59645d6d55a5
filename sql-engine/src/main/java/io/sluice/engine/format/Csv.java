package io.sluice.engine.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The DELIMITED format's text: fields separated by a delimiter, RFC 4180 quoting, read and
 * written exactly as ksqlDB does (it uses Apache Commons CSV's default format with its delimiter),
 * because the bytes are what other clients see. Stateless.
 *
 * <p>Reading: a field that starts with a double quote runs to the matching closing quote, a
 * doubled quote inside standing for one; blanks may follow the closing quote before the
 * delimiter. Any other field runs to the next delimiter or line break, quotes in it taken
 * literally, blanks kept. Empty lines before the record are skipped; a line break ends the
 * record and whatever follows is ignored (ksqlDB reads the first record only).
 *
 * <p>Writing quotes a field only where needed, by the rules of the Commons CSV version ksqlDB
 * uses ("minimal" quoting), since they decide the exact bytes: a field holding the delimiter, a
 * double quote or a line break; one starting with a character up to {@code '#'} (blanks, {@code
 * !}, {@code "}, {@code #}) or ending with a blank or control character; the record's first field
 * when it is empty or does not start with an ASCII letter or digit (so {@code -1.5} is written
 * {@code "-1.5"} in first place). A null field is written as nothing, unquoted.
 */
final class Csv {

  private Csv() {}

  /**
   * The fields of the text's first record.
   *
   * @return the fields, {@code ""} for an empty one; no fields when the text holds no record
   *     (empty, or line breaks only)
   * @throws BadValue for a quoted field without its closing quote, or with something other than
   *     blanks between its closing quote and the delimiter
   */
  static List<String> firstRecord(String text, char delimiter) {
    List<String> fields = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n && isLineBreak(text.charAt(i))) {
      i++;
    }
    if (i == n) {
      return fields;
    }
    StringBuilder field = new StringBuilder();
    while (true) {
      field.setLength(0);
      if (i < n && text.charAt(i) == '"') {
        i = quoted(text, i + 1, field);
        while (i < n && text.charAt(i) != delimiter && isBlank(text.charAt(i))) {
          i++;
        }
        if (i < n && text.charAt(i) != delimiter && !isLineBreak(text.charAt(i))) {
          throw new BadValue("a quoted field is followed by something other than the delimiter");
        }
      } else {
        while (i < n && text.charAt(i) != delimiter && !isLineBreak(text.charAt(i))) {
          field.append(text.charAt(i++));
        }
      }
      fields.add(field.toString());
      if (i < n && text.charAt(i) == delimiter) {
        i++;
      } else {
        return fields;
      }
    }
  }

  /** Reads a quoted field's content from just after its opening quote; returns the index after
   *  the closing quote. */
  private static int quoted(String text, int start, StringBuilder field) {
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i++);
      if (c != '"') {
        field.append(c);
      } else if (i < text.length() && text.charAt(i) == '"') {
        field.append('"');
        i++;
      } else {
        return i;
      }
    }
    throw new BadValue("a quoted field has no closing quote");
  }

  /**
   * Appends a field to a record being written.
   *
   * @param value the field's text, null for a null field
   * @param first whether it is the record's first field (no delimiter before it)
   */
  static void appendField(StringBuilder out, String value, boolean first, char delimiter) {
    if (!first) {
      out.append(delimiter);
    }
    if (value == null) {
      return;
    }
    if (!needsQuotes(value, first, delimiter)) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }

  private static boolean needsQuotes(String value, boolean first, char delimiter) {
    if (value.isEmpty()) {
      // Unquoted, an empty first field could be an empty line, which readers skip.
      return first;
    }
    char c = value.charAt(0);
    if (first && !isAsciiLetterOrDigit(c) || c <= '#') {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      c = value.charAt(i);
      if (c == delimiter || c == '"' || isLineBreak(c)) {
        return true;
      }
    }
    return value.charAt(value.length() - 1) <= ' ';
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  private static boolean isLineBreak(char c) {
    return c == '\r' || c == '\n';
  }

  private static boolean isBlank(char c) {
    return Character.isWhitespace(c) && !isLineBreak(c);
  }
}

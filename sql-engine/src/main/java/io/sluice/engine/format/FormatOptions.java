package io.sluice.engine.format;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of one key or value format, as a statement's WITH clause sets them. Immutable.
 *
 * <p>The engine resolves the WITH clause and the session's defaults into these before building a
 * serde: {@code WRAP_SINGLE_VALUE} (or {@code ksql.persistence.wrap.single.values}) goes into the
 * value's options only; {@code KEY_DELIMITER} into the key's and {@code VALUE_DELIMITER} into the
 * value's. Unset options take the format's defaults: a single value column is wrapped in JSON, the
 * delimiter is a comma.
 *
 * @param wrapSingleValue for a single value column: whether it is wrapped in an envelope (a JSON
 *     object with the column's name) or written bare; empty for the format's default (wrapped
 *     where the format can wrap)
 * @param delimiter the DELIMITED format's field separator; empty for a comma
 */
public record FormatOptions(Optional<Boolean> wrapSingleValue, Optional<Character> delimiter) {

  /** No options set: every format's defaults. */
  public static final FormatOptions DEFAULTS =
      new FormatOptions(Optional.empty(), Optional.empty());

  /** The default delimiter of the DELIMITED format. */
  public static final char DEFAULT_DELIMITER = ',';

  public FormatOptions {
    Objects.requireNonNull(wrapSingleValue, "wrapSingleValue");
    Objects.requireNonNull(delimiter, "delimiter");
  }

  /** These options with {@code WRAP_SINGLE_VALUE} set. */
  public FormatOptions withWrapSingleValue(boolean wrap) {
    return new FormatOptions(Optional.of(wrap), delimiter);
  }

  /**
   * These options with a delimiter set.
   *
   * @throws FormatException for a delimiter the DELIMITED format cannot use: a double quote (the
   *     quote character) or a line break (the record separator)
   */
  public FormatOptions withDelimiter(char delimiter) {
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
      // The CSV reader could not tell fields from quotes or records apart.
      throw new FormatException("Invalid delimiter value: "
          + (delimiter == '"' ? "'\"' is the quote character" : "a line break")
          + " cannot be the delimiter");
    }
    return new FormatOptions(wrapSingleValue, Optional.of(delimiter));
  }

  /** The delimiter, the default comma when unset. */
  public char delimiterOrDefault() {
    return delimiter.orElse(DEFAULT_DELIMITER);
  }

  /**
   * Parses a delimiter as ksqlDB takes it: a single character, or the word {@code TAB} or
   * {@code SPACE} (any case) for the characters one cannot write plainly.
   *
   * @param property the WITH property the value was given for ({@code VALUE_DELIMITER}), for the
   *     message
   * @throws FormatException with ksqlDB's message for an empty or blank value and for any other
   *     value of more than one character
   */
  public static char parseDelimiter(String property, String value) {
    if (value.trim().isEmpty()) {
      throw new FormatException("Configuration " + property + " is invalid: Delimiter cannot be"
          + " empty, if you meant to have a tab or space for delimiter, please use the special"
          + " values 'TAB' or 'SPACE'\nExample valid value: ';'");
    }
    if (value.length() == 1) {
      return value.charAt(0);
    }
    switch (value.toUpperCase(Locale.ROOT)) {
      case "TAB":
        return '\t';
      case "SPACE":
        return ' ';
      default:
        throw new FormatException("Configuration " + property + " is invalid: Invalid delimiter"
            + " value: '" + value + "'. Delimiter must be a single character or TAB,SPACE\n"
            + "Example valid value: ';'");
    }
  }
}

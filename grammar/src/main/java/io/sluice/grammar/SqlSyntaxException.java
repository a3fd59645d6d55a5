package io.sluice.grammar;

import io.sluice.grammar.ast.Pos;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SQL text that this module rejects: a syntax error, an invalid literal (e.g. an integer out of
 * BIGINT range) or an unknown {@code ${variable}}. The message reads
 * {@code line L:C: detail}, e.g.
 * {@code line 1:15: syntax error at 'FORM': expected FROM or ','}.
 */
public final class SqlSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String offendingToken;
  private final List<String> expected;
  private final String detail;

  /**
   * @param line 1-based
   * @param column 1-based
   * @param offendingToken the text of the token at fault, or null at the end of the input
   * @param expected short descriptions of what would fit there (at most 8), possibly empty
   * @param detail the message without the {@code line L:C: } prefix
   */
  public SqlSyntaxException(int line, int column, String offendingToken, List<String> expected,
      String detail) {
    super("line " + line + ":" + column + ": " + Objects.requireNonNull(detail, "detail"));
    this.line = line;
    this.column = column;
    this.offendingToken = offendingToken;
    this.expected = List.copyOf(expected);
    this.detail = detail;
  }

  /** An error at {@code pos} about {@code token}, with no list of expected tokens. */
  public SqlSyntaxException(Pos pos, String offendingToken, String detail) {
    this(pos.line(), pos.column(), offendingToken, List.of(), detail);
  }

  /** 1-based line of the error. */
  public int line() {
    return line;
  }

  /** 1-based column of the error. */
  public int column() {
    return column;
  }

  /** The error's position. */
  public Pos pos() {
    return new Pos(line, column);
  }

  /** The text of the token at fault; empty at the end of the input. */
  public Optional<String> offendingToken() {
    return Optional.ofNullable(offendingToken);
  }

  /**
   * What would fit at the error, most useful first, at most 8 entries: keywords (e.g.
   * {@code FROM}), quoted punctuation (e.g. {@code ','}), or classes such as
   * {@code an identifier}, {@code an expression}, {@code an operator}, {@code end of input};
   * a last entry {@code ...} means more would fit. Empty when not applicable.
   */
  public List<String> expected() {
    return expected;
  }

  /** The message without the {@code line L:C: } prefix. */
  public String detail() {
    return detail;
  }
}

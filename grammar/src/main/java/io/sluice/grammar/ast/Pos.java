package io.sluice.grammar.ast;

/**
 * A source position: 1-based line and 1-based column (in code points; a tab counts as one).
 *
 * <p>All positions are {@linkplain #equals equal} to each other, and share one hash code, so that
 * the records of the AST, which all carry a position, compare by structure only. Compare
 * {@link #line()} and {@link #column()} to compare places.
 */
public final class Pos {
  /** The start of the text. */
  public static final Pos START = new Pos(1, 1);

  private final int line;
  private final int column;

  public Pos(int line, int column) {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** True when {@code other} is the same line and column (unlike {@link #equals}). */
  public boolean samePlace(Pos other) {
    return other != null && line == other.line && column == other.column;
  }

  /** Always true for another {@code Pos}: positions never take part in AST equality. */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof Pos;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  /** {@code line:column}, e.g. {@code 1:15}. */
  @Override
  public String toString() {
    return line + ":" + column;
  }
}

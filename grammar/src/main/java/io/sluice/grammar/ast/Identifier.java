package io.sluice.grammar.ast;

/**
 * A name: of a source, column, alias, function, type, struct field, query or lambda parameter.
 *
 * @param pos where it was written
 * @param value the canonical name: upper-cased when written unquoted, verbatim (escapes resolved)
 *     when written in back quotes or double quotes; never null or empty
 * @param quoted whether it was written in back quotes or double quotes; like the position, it
 *     takes no part in equality ({@code col} equals {@code `COL`})
 */
public record Identifier(Pos pos, String value, boolean quoted) implements Node {
  public Identifier {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty identifier");
    }
  }

  /** An identifier without a source position (for synthesized names). */
  public static Identifier of(String value) {
    return new Identifier(Pos.START, value, false);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof Identifier other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}

package io.sluice.grammar.ast;

/** {@code DECIMAL(precision, scale)}, with {@code 1 <= precision} and {@code 0 <= scale <= precision}. */
public record DecimalType(Pos pos, int precision, int scale) implements Type {
  public DecimalType {
    Checks.nonNull(pos, "pos");
    if (precision < 1 || scale < 0 || scale > precision) {
      throw new IllegalArgumentException("bad DECIMAL(" + precision + ", " + scale + ")");
    }
  }
}

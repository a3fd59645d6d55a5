package io.sluice.grammar.ast;

import java.math.BigDecimal;

/**
 * A DECIMAL literal: a number written with a decimal point and no exponent, e.g. {@code 1.50};
 * {@code value} keeps the written scale (2 there), its precision and scale give the type.
 */
public record DecimalLiteral(Pos pos, BigDecimal value) implements Literal {
  public DecimalLiteral {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(value, "value");
  }

  @Override
  public Object asObject() {
    return value;
  }
}

package io.sluice.engine.types;

import java.math.BigDecimal;

/**
 * {@code DECIMAL(precision, scale)}: {@code precision >= 1}, {@code 0 <= scale <= precision}, as
 * ksqlDB requires. ksqlDB sets no upper bound on the precision; Sluice's Calcite type system allows
 * up to {@link SluiceTypeSystem#MAX_DECIMAL_PRECISION}.
 */
public record SqlDecimal(int precision, int scale) implements SqlType {

  public SqlDecimal {
    if (precision < 1) {
      throw new IllegalArgumentException(
          "DECIMAL precision must be >= 1: DECIMAL(" + precision + ", " + scale + ")");
    }
    if (scale < 0) {
      throw new IllegalArgumentException(
          "DECIMAL scale must be >= 0: DECIMAL(" + precision + ", " + scale + ")");
    }
    if (scale > precision) {
      throw new IllegalArgumentException(
          "DECIMAL precision must be >= scale: DECIMAL(" + precision + ", " + scale + ")");
    }
    if (precision > SluiceTypeSystem.MAX_DECIMAL_PRECISION) {
      throw new IllegalArgumentException("DECIMAL precision must be <= "
          + SluiceTypeSystem.MAX_DECIMAL_PRECISION + ": DECIMAL(" + precision + ", " + scale + ")");
    }
  }

  /** Digits before the decimal point: {@code precision - scale}. */
  public int integerDigits() {
    return precision - scale;
  }

  @Override
  public SqlBaseType baseType() {
    return SqlBaseType.DECIMAL;
  }

  @Override
  public Class<?> javaType() {
    return BigDecimal.class;
  }

  @Override
  public String toString() {
    return "DECIMAL(" + precision + ", " + scale + ")";
  }
}

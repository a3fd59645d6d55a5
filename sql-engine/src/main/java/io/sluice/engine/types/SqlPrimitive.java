package io.sluice.engine.types;

import java.math.BigDecimal;
import java.util.Objects;
import org.apache.calcite.avatica.util.ByteString;

/**
 * A ksqlDB type without parameters: BOOLEAN, INTEGER, BIGINT, DOUBLE, STRING, BYTES, DATE, TIME,
 * TIMESTAMP. Use the constants on {@link SqlType}.
 */
public record SqlPrimitive(SqlBaseType baseType) implements SqlType {

  public SqlPrimitive {
    Objects.requireNonNull(baseType, "baseType");
    if (baseType == SqlBaseType.DECIMAL || baseType.isContainer()) {
      throw new IllegalArgumentException(baseType + " has parameters; not a primitive type");
    }
  }

  @Override
  public Class<?> javaType() {
    return switch (baseType) {
      case BOOLEAN -> Boolean.class;
      case INTEGER, DATE, TIME -> Integer.class;
      case BIGINT, TIMESTAMP -> Long.class;
      case DOUBLE -> Double.class;
      case STRING -> String.class;
      case BYTES -> ByteString.class;
      case DECIMAL -> BigDecimal.class;
      default -> throw new AssertionError(baseType);
    };
  }

  @Override
  public String toString() {
    return baseType.name();
  }
}

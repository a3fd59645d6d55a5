package io.sluice.engine.types;

import java.util.Map;
import java.util.Objects;

/** {@code MAP<key, value>}; a value is a {@link Map}. */
public record SqlMap(SqlType key, SqlType value) implements SqlType {

  public SqlMap {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public SqlBaseType baseType() {
    return SqlBaseType.MAP;
  }

  @Override
  public Class<?> javaType() {
    return Map.class;
  }

  @Override
  public String toString() {
    return "MAP<" + key + ", " + value + ">";
  }
}

package io.sluice.engine.types;

import java.util.List;
import java.util.Objects;

/** {@code ARRAY<element>}; a value is a {@link List}. */
public record SqlArray(SqlType element) implements SqlType {

  public SqlArray {
    Objects.requireNonNull(element, "element");
  }

  @Override
  public SqlBaseType baseType() {
    return SqlBaseType.ARRAY;
  }

  @Override
  public Class<?> javaType() {
    return List.class;
  }

  @Override
  public String toString() {
    return "ARRAY<" + element + ">";
  }
}

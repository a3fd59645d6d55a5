package io.sluice.engine.types;

import java.util.Objects;

/** A named, typed column of a row. */
public record Column(String name, SqlType type) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String toString() {
    return name + " " + type;
  }
}

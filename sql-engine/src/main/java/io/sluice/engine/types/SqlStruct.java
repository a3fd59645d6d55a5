package io.sluice.engine.types;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code STRUCT<name type, ...>}: ordered, uniquely named fields; a value is a {@link Struct}.
 * Field names are kept as written (ksqlDB upper-cases unquoted identifiers before they get here).
 */
public record SqlStruct(List<Field> fields) implements SqlType {

  /** One field of a struct. */
  public record Field(String name, SqlType type) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty field name");
      }
    }

    @Override
    public String toString() {
      return name + " " + type;
    }
  }

  public SqlStruct {
    fields = List.copyOf(fields);
    Set<String> seen = new HashSet<>();
    for (Field f : fields) {
      if (!seen.add(f.name())) {
        throw new IllegalArgumentException("duplicate field name in STRUCT: " + f.name());
      }
    }
  }

  /** The field called {@code name} (exact match). */
  public Optional<Field> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Position of the field called {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Field names, in order. */
  public List<String> fieldNames() {
    return fields.stream().map(Field::name).toList();
  }

  @Override
  public SqlBaseType baseType() {
    return SqlBaseType.STRUCT;
  }

  @Override
  public Class<?> javaType() {
    return Struct.class;
  }

  @Override
  public String toString() {
    return fields.stream().map(Field::toString).collect(Collectors.joining(", ", "STRUCT<", ">"));
  }

  /** Builds a {@link SqlStruct} field by field. */
  public static final class Builder {
    private final List<Field> fields = new ArrayList<>();

    Builder() {}

    public Builder field(String name, SqlType type) {
      fields.add(new Field(name, type));
      return this;
    }

    public SqlStruct build() {
      return new SqlStruct(fields);
    }
  }
}

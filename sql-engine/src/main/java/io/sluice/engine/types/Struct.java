package io.sluice.engine.types;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The runtime value of a {@code STRUCT}: field values in declaration order, with the field names
 * (shared by all values of one type). Immutable.
 *
 * <p>It is a {@link List} of the field values so that the code Calcite generates for field access
 * ({@code SqlFunctions.structAccess(value, index, name)}, which reads {@code Object[]} and {@code
 * List} values positionally) works on it directly, and so that {@link #equals} and {@link
 * #hashCode} compare values, which ksqlDB's struct comparison and grouping need. Two structs of
 * the same STRUCT type are equal when their values are; names are not compared (the type fixes
 * them).
 */
public final class Struct extends AbstractList<Object> implements RandomAccess {

  private final List<String> names;
  private final Object[] values;

  /**
   * A struct with these field names and values (the array is taken over, not copied: the caller
   * must not change it afterwards).
   */
  public Struct(List<String> names, Object[] values) {
    this.names = Objects.requireNonNull(names, "names");
    this.values = Objects.requireNonNull(values, "values");
    if (names.size() != values.length) {
      throw new IllegalArgumentException(
          "struct has " + names.size() + " fields but " + values.length + " values");
    }
  }

  /** A struct of the given type, values in field order (copied). */
  public static Struct of(SqlStruct type, Object... values) {
    return new Struct(type.fieldNames(), values.clone());
  }

  /** Value of field {@code index} (0-based). */
  @Override
  public Object get(int index) {
    return values[index];
  }

  /** Value of the field called {@code name}, or {@code null} if it is null. */
  public Object get(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no field " + name + " in struct " + names);
    }
    return values[i];
  }

  @Override
  public int size() {
    return values.length;
  }

  public List<String> fieldNames() {
    return names;
  }

  /** Prints like Kafka Connect's {@code Struct}: {@code Struct{A=1,B=x}}; null fields omitted. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Struct{");
    boolean first = true;
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append(names.get(i)).append('=').append(values[i]);
      }
    }
    return sb.append('}').toString();
  }

  @Override
  public Object[] toArray() {
    return Arrays.copyOf(values, values.length);
  }
}

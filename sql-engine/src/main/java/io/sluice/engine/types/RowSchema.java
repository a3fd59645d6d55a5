package io.sluice.engine.types;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.StructKind;

/**
 * The ordered, uniquely named columns of a row. A row value is an {@code Object[]} with one
 * element per column, in the runtime representation {@link SqlType} documents.
 */
public record RowSchema(List<Column> columns) {

  public RowSchema {
    columns = List.copyOf(columns);
    Set<String> seen = new HashSet<>();
    for (Column c : columns) {
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("duplicate column name: " + c.name());
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return columns.size();
  }

  public Column column(int index) {
    return columns.get(index);
  }

  /** Position of the column called {@code name} (exact match), or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The row as a Calcite record type of nullable fields. */
  public RelDataType toRelDataType(RelDataTypeFactory factory) {
    return factory.createStructType(
        StructKind.FULLY_QUALIFIED,
        columns.stream().map(c -> c.type().toRelDataType(factory)).toList(),
        columns.stream().map(Column::name).toList());
  }

  @Override
  public String toString() {
    return columns.stream().map(Column::toString).collect(Collectors.joining(", ", "(", ")"));
  }

  /** Builds a {@link RowSchema} column by column. */
  public static final class Builder {
    private final List<Column> columns = new ArrayList<>();

    Builder() {}

    public Builder column(String name, SqlType type) {
      columns.add(new Column(name, type));
      return this;
    }

    public RowSchema build() {
      return new RowSchema(columns);
    }
  }
}

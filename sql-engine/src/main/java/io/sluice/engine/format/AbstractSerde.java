package io.sluice.engine.format;

import io.sluice.engine.types.Column;
import java.util.List;

/** What every serde has: its format, role and columns, and the wording of its errors. */
abstract class AbstractSerde implements Serde {

  final Format format;
  final SerdeRole role;
  final List<Column> columns;

  AbstractSerde(Format format, SerdeRole role, List<Column> columns) {
    this.format = format;
    this.role = role;
    this.columns = List.copyOf(columns);
  }

  @Override
  public Format format() {
    return format;
  }

  @Override
  public SerdeRole role() {
    return role;
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  /** @throws IllegalArgumentException unless the row has one value per column */
  final void checkArity(Object[] row) {
    if (row.length != columns.size()) {
      throw new IllegalArgumentException("a row of " + row.length + " values for the "
          + columns.size() + " columns " + Scalars.display(columns, role));
    }
  }

  /**
   * An error about the whole record: {@code Failed to deserialize JSON value: not valid JSON}.
   *
   * @param operation {@code "deserialize"} or {@code "serialize"}
   */
  final SerdeException recordError(String operation, String problem, Throwable cause) {
    return new SerdeException(prefix(operation) + problem, null, cause);
  }

  /**
   * An error about one column's value: {@code Failed to deserialize JSON value: column `A`
   * ARRAY<INTEGER> at $.A[1]: can't convert a JSON string to INTEGER}.
   *
   * @param path where inside the record, or null where the format has no paths
   */
  final SerdeException columnError(String operation, int column, String path, BadValue bad) {
    Column c = columns.get(column);
    return new SerdeException(prefix(operation) + "column " + Scalars.quote(c.name()) + " "
        + Scalars.display(c.type()) + (path == null ? "" : " at " + path) + ": " + bad.problem(),
        c.name(), bad);
  }

  private String prefix(String operation) {
    return "Failed to " + operation + " " + format + " " + role.word() + ": ";
  }

  @Override
  public String toString() {
    return format + " " + role.word() + " " + Scalars.display(columns, role);
  }
}

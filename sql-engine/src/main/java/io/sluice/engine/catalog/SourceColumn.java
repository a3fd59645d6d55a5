package io.sluice.engine.catalog;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlType;
import java.util.Objects;
import java.util.Optional;

/**
 * A column of a stream or table: its canonical name (upper-cased when it was written unquoted, as
 * written when quoted), its type, where in the record it comes from and, for a
 * {@link Namespace#HEADER} column, the header key. Immutable.
 *
 * @param name canonical name, not empty
 * @param type the column's type (custom types already resolved)
 * @param namespace where the value is read from
 * @param headerKey the header key of a {@link Namespace#HEADER} column; empty for every other
 *     namespace
 */
public record SourceColumn(String name, SqlType type, Namespace namespace,
    Optional<String> headerKey) {

  /**
   * @throws NullPointerException for a null component
   * @throws IllegalArgumentException for an empty name, or a header key that does not go with the
   *     namespace
   */
  public SourceColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(headerKey, "headerKey");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty column name");
    }
    if (headerKey.isPresent() != (namespace == Namespace.HEADER)) {
      throw new IllegalArgumentException("a header key goes with HEADER columns only: " + name);
    }
  }

  /** A column of a namespace other than {@link Namespace#HEADER}. */
  public static SourceColumn of(String name, SqlType type, Namespace namespace) {
    return new SourceColumn(name, type, namespace, Optional.empty());
  }

  /** This column as a plain row column (name and type). */
  public Column toColumn() {
    return new Column(name, type);
  }

  /**
   * The column as ksqlDB prints it in a schema, e.g. {@code `ID` INTEGER KEY},
   * {@code `V` STRING}, {@code `H` BYTES HEADER('k')}.
   */
  @Override
  public String toString() {
    String text = "`" + name + "` " + AstTypes.display(type);
    return switch (namespace) {
      case KEY -> text + " KEY";
      case PRIMARY_KEY -> text + " PRIMARY KEY";
      case VALUE -> text;
      case HEADERS -> text + " HEADERS";
      case HEADER -> text + " HEADER('" + headerKey.orElseThrow().replace("'", "''") + "')";
    };
  }
}

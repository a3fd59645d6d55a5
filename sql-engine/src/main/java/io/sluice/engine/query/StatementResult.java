package io.sluice.engine.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a statement did, as the HTTP API and the shell show it: a kind (ksqlDB's entity type, such
 * as {@code currentStatus}, {@code streams}, {@code queries}, {@code sourceDescription}), a
 * message, and for listings a table of rows. Immutable.
 *
 * @param statementText the statement as written
 * @param kind ksqlDB's entity type name
 * @param message a one-line summary (e.g. {@code Created query with ID CSAS_OUT_3})
 * @param columns the table's column names, empty when there is no table
 * @param rows the table's rows, each as long as {@code columns}
 * @param queryId the persistent query the statement started, if any
 */
public record StatementResult(String statementText, String kind, String message,
    List<String> columns, List<List<Object>> rows, Optional<String> queryId) {

  public StatementResult {
    Objects.requireNonNull(statementText, "statementText");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    columns = List.copyOf(columns);
    rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(
        new java.util.ArrayList<>(r))).toList();
    Objects.requireNonNull(queryId, "queryId");
  }

  /** A status result without a table. */
  static StatementResult status(String text, String message) {
    return new StatementResult(text, "currentStatus", message, List.of(), List.of(),
        Optional.empty());
  }

  /** A listing. */
  static StatementResult table(String text, String kind, String message, List<String> columns,
      List<List<Object>> rows) {
    return new StatementResult(text, kind, message, columns, rows, Optional.empty());
  }
}

package io.sluice.engine.query;

import io.sluice.engine.exec.QueryRunner;
import io.sluice.engine.plan.QueryPlan;
import java.util.Objects;

/**
 * A running persistent query (CREATE STREAM ... AS SELECT or INSERT INTO ... SELECT).
 *
 * @param id the query id ({@code CSAS_NAME_N} or {@code INSERTQUERY_N}, N its command offset)
 * @param statementText the statement
 * @param source the source it reads
 * @param sink the source it writes
 * @param plan its plan
 * @param runner runs it
 * @param resources what the query holds besides its runner (its state store), closed after the
 *     runner; null for none
 */
public record PersistentQuery(String id, String statementText, String source, String sink,
    QueryPlan plan, QueryRunner runner, AutoCloseable resources) {
  public PersistentQuery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(runner, "runner");
  }
}

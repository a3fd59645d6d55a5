package io.sluice.grammar.ast;

import java.util.Optional;

/**
 * {@code TERMINATE queryId} or {@code TERMINATE ALL}.
 *
 * @param queryId the query; empty for {@code ALL}
 */
public record Terminate(Pos pos, Optional<Identifier> queryId) implements Statement {
  public Terminate {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(queryId, "queryId");
  }

  /** {@code TERMINATE ALL}. */
  public boolean all() {
    return queryId.isEmpty();
  }
}

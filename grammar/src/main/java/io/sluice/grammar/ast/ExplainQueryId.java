package io.sluice.grammar.ast;

/** {@code EXPLAIN queryId} for a running query. */
public record ExplainQueryId(Pos pos, Identifier queryId) implements Statement {
  public ExplainQueryId {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(queryId, "queryId");
  }
}

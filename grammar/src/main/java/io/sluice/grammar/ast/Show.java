package io.sluice.grammar.ast;

/**
 * {@code SHOW|LIST STREAMS|TABLES|QUERIES|[ALL] TOPICS [EXTENDED]} or
 * {@code SHOW|LIST FUNCTIONS|PROPERTIES|VARIABLES|TYPES}.
 *
 * @param all {@code ALL TOPICS} (internal topics too); only with {@link What#TOPICS}
 * @param extended only with STREAMS, TABLES, QUERIES and TOPICS
 */
public record Show(Pos pos, What what, boolean all, boolean extended) implements Statement {
  public Show {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(what, "what");
  }

  /** What is listed. */
  public enum What {
    STREAMS, TABLES, TOPICS, QUERIES, FUNCTIONS, PROPERTIES, VARIABLES, TYPES
  }
}

package io.sluice.grammar.ast;

import java.util.Map;

/**
 * {@code INSERT INTO target [WITH (props)] SELECT ...}.
 *
 * @param properties the WITH properties (e.g. QUERY_ID), names upper-cased, in source order
 */
public record InsertInto(Pos pos, Identifier target, Map<String, Literal> properties, Query query)
    implements Statement {
  public InsertInto {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(target, "target");
    properties = Checks.orderedMap(properties, "properties");
    Checks.nonNull(query, "query");
  }
}

package io.sluice.grammar.ast;

import java.util.Map;

/**
 * {@code CREATE [OR REPLACE] STREAM|TABLE [IF NOT EXISTS] name [WITH (props)] AS SELECT ...}.
 *
 * @param properties the WITH properties, names upper-cased, in source order
 */
public record CreateAsSelect(Pos pos, SourceKind kind, Identifier name, boolean orReplace,
    boolean ifNotExists, Map<String, Literal> properties, Query query) implements Statement {
  public CreateAsSelect {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(kind, "kind");
    Checks.nonNull(name, "name");
    properties = Checks.orderedMap(properties, "properties");
    Checks.nonNull(query, "query");
  }
}

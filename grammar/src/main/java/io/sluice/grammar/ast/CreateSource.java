package io.sluice.grammar.ast;

import java.util.List;
import java.util.Map;

/**
 * {@code CREATE [OR REPLACE] [SOURCE] STREAM|TABLE [IF NOT EXISTS] name [(columns)]
 * [WITH (props)]}.
 *
 * @param readOnly {@code CREATE SOURCE ...}: a read-only source
 * @param columns as declared, in order; empty when omitted (schema inference)
 * @param properties the WITH properties, names upper-cased, in source order
 */
public record CreateSource(Pos pos, SourceKind kind, Identifier name, boolean orReplace,
    boolean ifNotExists, boolean readOnly, List<ColumnDef> columns,
    Map<String, Literal> properties) implements Statement {
  public CreateSource {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(kind, "kind");
    Checks.nonNull(name, "name");
    columns = Checks.list(columns, "columns");
    properties = Checks.orderedMap(properties, "properties");
  }
}

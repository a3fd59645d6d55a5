package io.sluice.grammar.ast;

import java.util.List;

/**
 * {@code INSERT INTO target [(columns)] VALUES (values)}.
 *
 * @param columns the listed columns; empty when omitted (then the values follow the schema)
 */
public record InsertValues(Pos pos, Identifier target, List<Identifier> columns,
    List<Expression> values) implements Statement {
  public InsertValues {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(target, "target");
    columns = Checks.list(columns, "columns");
    values = Checks.list(values, "values");
  }
}

package io.sluice.grammar.ast;

import java.util.Optional;

/** {@code expression [[AS] alias]}. */
public record SingleColumn(Pos pos, Expression expression, Optional<Identifier> alias)
    implements SelectItem {
  public SingleColumn {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(expression, "expression");
    Checks.nonNull(alias, "alias");
  }
}

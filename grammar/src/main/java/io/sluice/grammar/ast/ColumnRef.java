package io.sluice.grammar.ast;

import java.util.Optional;

/**
 * A column: {@code col} or {@code source.col}, where {@code source} is a source name or alias.
 *
 * @param source the qualifier, empty when unqualified
 * @param name the column
 */
public record ColumnRef(Pos pos, Optional<Identifier> source, Identifier name)
    implements Expression {
  public ColumnRef {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(source, "source");
    Checks.nonNull(name, "name");
  }
}

package io.sluice.grammar.ast;

import java.util.Optional;

/** {@code *}, or {@code source.*} when {@code source} is present (a source name or alias). */
public record AllColumns(Pos pos, Optional<Identifier> source) implements SelectItem {
  public AllColumns {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(source, "source");
  }
}

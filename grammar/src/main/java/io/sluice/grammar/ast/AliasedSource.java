package io.sluice.grammar.ast;

import java.util.Optional;

/** {@code name [[AS] alias]} in a FROM clause. */
public record AliasedSource(Pos pos, Identifier name, Optional<Identifier> alias)
    implements Relation {
  public AliasedSource {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
    Checks.nonNull(alias, "alias");
  }

  /** The alias, or the name when there is none: what qualifies this source's columns. */
  public Identifier effectiveAlias() {
    return alias.orElse(name);
  }
}

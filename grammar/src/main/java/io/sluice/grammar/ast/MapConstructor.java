package io.sluice.grammar.ast;

import java.util.List;

/** {@code MAP(k1 := v1, ...)}; entries in source order, may be empty. */
public record MapConstructor(Pos pos, List<Entry> entries) implements Expression {
  public MapConstructor {
    Checks.nonNull(pos, "pos");
    entries = Checks.list(entries, "entries");
  }

  /** One {@code key := value}. */
  public record Entry(Expression key, Expression value) {
    public Entry {
      Checks.nonNull(key, "key");
      Checks.nonNull(value, "value");
    }
  }
}

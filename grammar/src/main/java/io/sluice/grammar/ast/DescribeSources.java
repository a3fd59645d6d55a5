package io.sluice.grammar.ast;

/** {@code DESCRIBE STREAMS|TABLES [EXTENDED]}. */
public record DescribeSources(Pos pos, SourceKind kind, boolean extended) implements Statement {
  public DescribeSources {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(kind, "kind");
  }
}

package io.sluice.grammar.ast;

/**
 * {@code struct->*} in a select list: every field of a struct-valued expression, each as its
 * own column (e.g. {@code v1->*} or {@code s.v1->a->*}).
 */
public record AllStructFields(Pos pos, Expression struct) implements SelectItem {
  public AllStructFields {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(struct, "struct");
  }
}

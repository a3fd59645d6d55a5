package io.sluice.grammar.ast;

import java.util.List;

/** {@code ARRAY[e1, e2, ...]}; may be empty. */
public record ArrayConstructor(Pos pos, List<Expression> elements) implements Expression {
  public ArrayConstructor {
    Checks.nonNull(pos, "pos");
    elements = Checks.list(elements, "elements");
  }
}

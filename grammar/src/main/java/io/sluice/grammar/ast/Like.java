package io.sluice.grammar.ast;

import java.util.Optional;

/** {@code value [NOT] LIKE pattern [ESCAPE 'c']}. */
public record Like(Pos pos, Expression value, Expression pattern, Optional<Character> escape,
    boolean negated) implements Expression {
  public Like {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(value, "value");
    Checks.nonNull(pattern, "pattern");
    Checks.nonNull(escape, "escape");
  }
}

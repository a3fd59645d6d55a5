package io.sluice.grammar.ast;

import java.util.List;

/**
 * {@code name(arg, ...)}, or {@code name(*)} when {@code star} (then {@code arguments} is empty).
 * Arguments may include {@link Lambda}s and {@link IntervalUnit}s.
 */
public record FunctionCall(Pos pos, Identifier name, List<Expression> arguments, boolean star)
    implements Expression {
  public FunctionCall {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
    arguments = Checks.list(arguments, "arguments");
    if (star && !arguments.isEmpty()) {
      throw new IllegalArgumentException("name(*) takes no other arguments");
    }
  }
}

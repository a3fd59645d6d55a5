package io.sluice.grammar.ast;

import java.util.List;

/**
 * {@code x => body} or {@code (x, y) => body}, only as a function argument. References to the
 * parameters inside {@code body} are {@link LambdaVariable}s.
 */
public record Lambda(Pos pos, List<Identifier> parameters, Expression body)
    implements Expression {
  public Lambda {
    Checks.nonNull(pos, "pos");
    parameters = Checks.list(parameters, "parameters");
    Checks.nonNull(body, "body");
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException("lambda without parameters");
    }
  }
}

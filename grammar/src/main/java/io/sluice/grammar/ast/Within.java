package io.sluice.grammar.ast;

import java.util.Optional;

/**
 * {@code WITHIN n unit [GRACE PERIOD n unit]} (then {@code before} equals {@code after}) or
 * {@code WITHIN (before, after) [GRACE PERIOD n unit]}.
 */
public record Within(Pos pos, TimeSpan before, TimeSpan after, Optional<TimeSpan> grace)
    implements Node {
  public Within {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(before, "before");
    Checks.nonNull(after, "after");
    Checks.nonNull(grace, "grace");
  }
}

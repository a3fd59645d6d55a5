package io.sluice.grammar.ast;

import java.util.Optional;

/** {@code SESSION (n unit [, RETENTION n unit] [, GRACE PERIOD n unit])}: {@code gap} is the n unit. */
public record SessionWindow(Pos pos, TimeSpan gap, Optional<TimeSpan> retention,
    Optional<TimeSpan> grace) implements WindowExpr {
  public SessionWindow {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(gap, "gap");
    Checks.nonNull(retention, "retention");
    Checks.nonNull(grace, "grace");
  }
}

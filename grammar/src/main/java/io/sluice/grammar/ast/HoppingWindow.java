package io.sluice.grammar.ast;

import java.util.Optional;

/**
 * {@code HOPPING (SIZE n unit, ADVANCE BY n unit [, RETENTION n unit] [, GRACE PERIOD n unit])}.
 */
public record HoppingWindow(Pos pos, TimeSpan size, TimeSpan advance,
    Optional<TimeSpan> retention, Optional<TimeSpan> grace) implements WindowExpr {
  public HoppingWindow {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(size, "size");
    Checks.nonNull(advance, "advance");
    Checks.nonNull(retention, "retention");
    Checks.nonNull(grace, "grace");
  }
}

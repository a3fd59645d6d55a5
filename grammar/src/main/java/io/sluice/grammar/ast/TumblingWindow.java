package io.sluice.grammar.ast;

import java.util.Optional;

/** {@code TUMBLING (SIZE n unit [, RETENTION n unit] [, GRACE PERIOD n unit])}. */
public record TumblingWindow(Pos pos, TimeSpan size, Optional<TimeSpan> retention,
    Optional<TimeSpan> grace) implements WindowExpr {
  public TumblingWindow {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(size, "size");
    Checks.nonNull(retention, "retention");
    Checks.nonNull(grace, "grace");
  }
}

package io.sluice.grammar.ast;

import java.util.Optional;

/**
 * A {@code WINDOW} clause. ksqlDB accepts an optional window name before the window type
 * ({@code WINDOW w TUMBLING (...)}); it has no meaning and is not kept.
 */
public sealed interface WindowExpr extends Node
    permits TumblingWindow, HoppingWindow, SessionWindow {
  /** {@code RETENTION n unit}, if written. */
  Optional<TimeSpan> retention();

  /** {@code GRACE PERIOD n unit}, if written. */
  Optional<TimeSpan> grace();
}

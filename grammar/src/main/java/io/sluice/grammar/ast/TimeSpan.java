package io.sluice.grammar.ast;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code n unit}, e.g. {@code 10 SECONDS}. The unit is one of MILLISECONDS, SECONDS, MINUTES,
 * HOURS, DAYS (singular and plural spellings are the same unit).
 *
 * @param value non-negative
 */
public record TimeSpan(Pos pos, long value, TimeUnit unit) implements Node {
  public TimeSpan {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(unit, "unit");
    if (value < 0) {
      throw new IllegalArgumentException("negative time span: " + value);
    }
  }

  /** The span as a duration (may throw ArithmeticException for absurd values). */
  public Duration toDuration() {
    return Duration.of(value, unit.toChronoUnit());
  }

  /** The span in milliseconds, saturated at {@code Long.MAX_VALUE}. */
  public long toMillis() {
    return unit.toMillis(value);
  }
}

package io.sluice.grammar.ast;

import java.util.concurrent.TimeUnit;

/**
 * A bare time unit given as a function argument, as in {@code TIMESTAMPADD(SECONDS, 5, ts)}.
 * An unquoted unit word ({@code DAY}, {@code SECONDS}, ...) standing alone as an argument is
 * always this, never a column.
 */
public record IntervalUnit(Pos pos, TimeUnit unit) implements Expression {
  public IntervalUnit {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(unit, "unit");
  }
}

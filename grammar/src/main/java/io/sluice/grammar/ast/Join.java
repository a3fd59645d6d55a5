package io.sluice.grammar.ast;

import java.util.Optional;

/**
 * {@code left [INNER|LEFT [OUTER]|RIGHT [OUTER]|FULL [OUTER]] JOIN right [WITHIN ...] ON on}.
 *
 * @param pos where the JOIN clause starts (its join type, or JOIN)
 * @param within the join window (stream-stream joins); empty when not written
 */
public record Join(Pos pos, Kind kind, Relation left, AliasedSource right, Optional<Within> within,
    Expression on) implements Relation {
  public Join {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(kind, "kind");
    Checks.nonNull(left, "left");
    Checks.nonNull(right, "right");
    Checks.nonNull(within, "within");
    Checks.nonNull(on, "on");
  }

  /** The join type; {@code OUTER} is implied by LEFT, RIGHT and FULL. */
  public enum Kind {
    INNER, LEFT, RIGHT, FULL
  }
}

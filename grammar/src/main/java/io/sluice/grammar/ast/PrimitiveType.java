package io.sluice.grammar.ast;

/**
 * A built-in scalar type. {@code INTEGER} is written as {@link Kind#INT} and {@code VARCHAR} as
 * {@link Kind#STRING}.
 */
public record PrimitiveType(Pos pos, Kind kind) implements Type {
  public PrimitiveType {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(kind, "kind");
  }

  /** The built-in scalar types. */
  public enum Kind {
    BOOLEAN, INT, BIGINT, DOUBLE, STRING, BYTES, DATE, TIME, TIMESTAMP
  }
}

package io.sluice.grammar.ast;

import java.util.Optional;

/**
 * A column of {@code CREATE STREAM|TABLE}: {@code name type [KEY | PRIMARY KEY | HEADERS |
 * HEADER('key')]}.
 *
 * @param headerKey the header key of a {@link Kind#HEADER} column, empty for the other kinds
 */
public record ColumnDef(Pos pos, Identifier name, Type type, Kind kind, Optional<String> headerKey)
    implements Node {
  public ColumnDef {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
    Checks.nonNull(type, "type");
    Checks.nonNull(kind, "kind");
    Checks.nonNull(headerKey, "headerKey");
    if (headerKey.isPresent() != (kind == Kind.HEADER)) {
      throw new IllegalArgumentException("a header key goes with HEADER columns only");
    }
  }

  /** What part of the record the column is read from. */
  public enum Kind {
    /** No constraint: a value column. */
    VALUE,
    /** {@code KEY} (streams). */
    KEY,
    /** {@code PRIMARY KEY} (tables). */
    PRIMARY_KEY,
    /** {@code HEADERS}: all headers, as {@code ARRAY<STRUCT<KEY STRING, VALUE BYTES>>}. */
    HEADERS,
    /** {@code HEADER('key')}: the last header with that key. */
    HEADER
  }
}

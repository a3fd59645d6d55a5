package io.sluice.grammar.ast;

import java.util.List;

/** {@code STRUCT<name type, ...>}; fields in source order, may be empty ({@code STRUCT<>}). */
public record StructType(Pos pos, List<Field> fields) implements Type {
  public StructType {
    Checks.nonNull(pos, "pos");
    fields = Checks.list(fields, "fields");
  }

  /** One field. */
  public record Field(Pos pos, Identifier name, Type type) implements Node {
    public Field {
      Checks.nonNull(pos, "pos");
      Checks.nonNull(name, "name");
      Checks.nonNull(type, "type");
    }
  }
}

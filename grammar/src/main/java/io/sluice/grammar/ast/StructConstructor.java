package io.sluice.grammar.ast;

import java.util.List;

/** {@code STRUCT(name1 := v1, ...)}; fields in source order, may be empty. */
public record StructConstructor(Pos pos, List<Field> fields) implements Expression {
  public StructConstructor {
    Checks.nonNull(pos, "pos");
    fields = Checks.list(fields, "fields");
  }

  /** One {@code name := value}. */
  public record Field(Identifier name, Expression value) {
    public Field {
      Checks.nonNull(name, "name");
      Checks.nonNull(value, "value");
    }
  }
}

package io.sluice.grammar.ast;

/**
 * {@code DEFINE name = 'value'}.
 *
 * @param name as written; variable names are case-insensitive (see
 *     {@link io.sluice.grammar.Variables})
 * @param value the string's content, quotes removed ({@code '''x'''} gives {@code 'x'})
 */
public record DefineVariable(Pos pos, String name, String value) implements Statement {
  public DefineVariable {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
    Checks.nonNull(value, "value");
  }
}

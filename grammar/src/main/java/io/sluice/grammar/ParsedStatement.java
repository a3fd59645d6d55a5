package io.sluice.grammar;

import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.Statement;
import java.util.Objects;

/**
 * One statement of a script.
 *
 * @param statement the AST
 * @param text the statement's source text: exactly the substring of the script from its first
 *     token to its last, without the separating {@code ;} and surrounding whitespace or
 *     comments (after variable substitution when the script was parsed with variables)
 * @param pos where the statement starts in the script
 */
public record ParsedStatement(Statement statement, String text, Pos pos) {
  public ParsedStatement {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(pos, "pos");
  }
}

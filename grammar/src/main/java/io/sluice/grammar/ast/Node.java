package io.sluice.grammar.ast;

/** Any AST node. */
public interface Node {
  /**
   * Where the node's text starts: its first token (for a parenthesized expression, the first
   * token inside the parentheses; for a {@link Join}, the first token of its JOIN clause).
   */
  Pos pos();
}

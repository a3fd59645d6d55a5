package io.sluice.engine.expr;

import java.util.Optional;

/**
 * The columns an expression may reference, as {@link AstExpressions} sees them: it maps a column
 * reference ({@code col}, or {@code src.col} qualified by a source name or alias) to the index of
 * an input column of the {@link ExpressionBuilder}'s row. Names are canonical (an unquoted
 * identifier is already upper-cased by the grammar) and compare exactly.
 *
 * <p>The planner implements it per query: {@link RowSchemaScope} for one source, a join scope
 * (several sources, each with a range of the joined row) later.
 */
public interface ColumnScope {

  /** Whether {@code source} names a source or alias of this scope (for qualified references). */
  boolean hasSource(String source);

  /**
   * The input column index of {@code name}, qualified by {@code source} when present; -1 when
   * there is no such column. A qualifier is only passed when {@link #hasSource} accepts it.
   *
   * @throws ExpressionTypeException (without position) when the unqualified name is ambiguous,
   *     with ksqlDB's message
   */
  int indexOf(Optional<String> source, String name);
}

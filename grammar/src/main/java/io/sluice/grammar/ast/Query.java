package io.sluice.grammar.ast;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code SELECT select FROM from [WINDOW window] [WHERE where] [GROUP BY groupBy]
 * [PARTITION BY partitionBy] [HAVING having] [EMIT CHANGES|FINAL] [LIMIT limit]}, the clauses
 * in that order. On its own it is a push or pull query; it is also the body of
 * {@link CreateAsSelect} and {@link InsertInto}.
 *
 * @param select at least one item
 * @param groupBy empty when there is no GROUP BY ({@code GROUP BY (a, b)} is {@code a, b})
 * @param partitionBy empty when there is no PARTITION BY
 * @param limit non-negative when present
 */
public record Query(Pos pos, List<SelectItem> select, Relation from, Optional<WindowExpr> window,
    Optional<Expression> where, List<Expression> groupBy, List<Expression> partitionBy,
    Optional<Expression> having, Optional<EmitKind> emit, OptionalInt limit)
    implements Statement {
  public Query {
    Checks.nonNull(pos, "pos");
    select = Checks.list(select, "select");
    Checks.nonNull(from, "from");
    Checks.nonNull(window, "window");
    Checks.nonNull(where, "where");
    groupBy = Checks.list(groupBy, "groupBy");
    partitionBy = Checks.list(partitionBy, "partitionBy");
    Checks.nonNull(having, "having");
    Checks.nonNull(emit, "emit");
    Checks.nonNull(limit, "limit");
    if (select.isEmpty()) {
      throw new IllegalArgumentException("empty select list");
    }
  }

  /** {@code EMIT CHANGES} (a push query) or {@code EMIT FINAL} (suppressed window results). */
  public enum EmitKind {
    CHANGES, FINAL
  }
}

package io.sluice.engine.plan;

import io.sluice.engine.types.RowSchema;
import io.sluice.grammar.ast.ColumnRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The columns a query's expressions may name, resolved to indexes of the row they are evaluated
 * over: a column by its canonical name, optionally qualified by the source's name or alias.
 * Immutable.
 */
final class Scope implements io.sluice.engine.expr.ColumnScope {

  private final Map<String, Integer> columns;
  private final Set<String> qualifiers;

  private Scope(Map<String, Integer> columns, Set<String> qualifiers) {
    this.columns = columns;
    this.qualifiers = qualifiers;
  }

  /** The columns of {@code row}, qualified by the source's alias or name. */
  static Scope of(RowSchema row, String alias, String sourceName) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < row.size(); i++) {
      columns.putIfAbsent(row.column(i).name(), i);
    }
    return new Scope(columns, new java.util.HashSet<>(java.util.List.of(alias, sourceName)));
  }

  /** This scope with some names resolving elsewhere (PARTITION BY's new key columns). */
  Scope withOverrides(Map<String, Integer> overrides, RowSchema row) {
    Map<String, Integer> columns = new HashMap<>(this.columns);
    columns.putAll(overrides);
    return new Scope(columns, qualifiers);
  }

  /** Whether a qualifier names the source. */
  boolean qualifies(String qualifier) {
    return qualifiers.contains(qualifier);
  }

  @Override
  public boolean hasSource(String source) {
    return qualifies(source);
  }

  @Override
  public int indexOf(java.util.Optional<String> source, String name) {
    if (source.isPresent() && !qualifies(source.get())) {
      return -1;
    }
    return indexOf(name);
  }

  /** The index of the column of that canonical name, or -1. */
  int indexOf(String name) {
    Integer i = columns.get(name);
    return i == null ? -1 : i;
  }

  /** The index a column reference resolves to, or -1 (also for a wrong qualifier). */
  int indexOf(ColumnRef ref) {
    if (ref.source().isPresent() && !qualifies(ref.source().get().value())) {
      return -1;
    }
    return indexOf(ref.name().value());
  }
}

package io.sluice.engine.expr;

import io.sluice.engine.types.RowSchema;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link ColumnScope} of a single-source query: the columns of one {@link RowSchema}, by
 * their exact name, unqualified or qualified by any of the source's names (its name and its
 * alias).
 */
public final class RowSchemaScope implements ColumnScope {

  private final RowSchema schema;
  private final Set<String> sourceNames;

  /**
   * @param schema the input row, whose column indexes the references resolve to
   * @param sourceNames the names a reference may be qualified with (canonical, e.g. the source's
   *     name and alias); empty to accept unqualified references only
   */
  public RowSchemaScope(RowSchema schema, Set<String> sourceNames) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.sourceNames = Set.copyOf(sourceNames);
  }

  /** Unqualified references only. */
  public RowSchemaScope(RowSchema schema) {
    this(schema, Set.of());
  }

  @Override
  public boolean hasSource(String source) {
    return sourceNames.contains(source);
  }

  @Override
  public int indexOf(Optional<String> source, String name) {
    if (source.isPresent() && !hasSource(source.get())) {
      return -1;
    }
    return schema.indexOf(name);
  }

  @Override
  public String toString() {
    return "RowSchemaScope" + sourceNames + schema;
  }
}

package io.sluice.engine.plan;

import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.expr.Evaluator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The static description of a stateless query over one stream: what the operators of each task
 * do, with every expression compiled. Made by {@link StreamPlanner}; the operators are built
 * from it by the query layer. Immutable.
 *
 * <p>Stages, in order, for each record of {@link #input()} (decoded to its
 * {@link Source#rowSchema()}):
 * <ol>
 *   <li>{@link #rekey()} (PARTITION BY): WHERE, then the new key values appended to the row;</li>
 *   <li>{@link #projection()}: WHERE (when there is no rekey stage), then the SELECT items;</li>
 *   <li>{@link #tableFunctions()} (flat-map): each row becomes zero or more rows;</li>
 *   <li>the sink or the push query's caller: the projected row, split into key columns
 *       ({@link #keyIndexes()}) and value columns ({@link #valueIndexes()}).</li>
 * </ol>
 *
 * @param input the stream read
 * @param rekey PARTITION BY's stage, empty without PARTITION BY
 * @param projection the SELECT items (and WHERE without PARTITION BY)
 * @param tableFunctions the flat-map stage, empty when the SELECT calls no table function
 * @param columns the output columns in projection order, each KEY or VALUE
 * @param keyIndexes the key columns' indexes in the projected row, in key order
 * @param valueIndexes the value columns' indexes in the projected row, in order
 * @param limit LIMIT n of a push query
 * @param inputColumns the columns of the input's {@link Source#rowSchema()} that any expression
 *     reads: a source decoder may leave the others unread (NULL)
 */
public record StreamPlan(Source input, Optional<Evaluator> rekey, Evaluator projection,
    Optional<TableFunctionStage> tableFunctions, List<SourceColumn> columns, int[] keyIndexes,
    int[] valueIndexes, OptionalInt limit, java.util.BitSet inputColumns) implements QueryPlan {

  public StreamPlan {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(rekey, "rekey");
    Objects.requireNonNull(projection, "projection");
    Objects.requireNonNull(tableFunctions, "tableFunctions");
    columns = List.copyOf(columns);
    keyIndexes = keyIndexes.clone();
    valueIndexes = valueIndexes.clone();
    Objects.requireNonNull(limit, "limit");
    inputColumns = (java.util.BitSet) inputColumns.clone();
  }

  @Override
  public java.util.BitSet inputColumns() {
    return (java.util.BitSet) inputColumns.clone();
  }

  /** Whether the input is a TABLE (its records are changes: upserts and deletes). */
  public boolean overTable() {
    return input.kind() == io.sluice.grammar.ast.SourceKind.TABLE;
  }

  /** The output columns as the sink source declares them: keys first, then values. */
  public List<SourceColumn> sinkColumns() {
    java.util.ArrayList<SourceColumn> out = new java.util.ArrayList<>();
    for (int i : keyIndexes) {
      out.add(columns.get(i));
    }
    for (int i : valueIndexes) {
      out.add(columns.get(i));
    }
    return out;
  }

  @Override
  public int[] keyIndexes() {
    return keyIndexes.clone();
  }

  @Override
  public int[] valueIndexes() {
    return valueIndexes.clone();
  }

  /** A human-readable description, for EXPLAIN. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(" > [ SOURCE ] | ").append(input.name()).append(" (topic ").append(input.topic())
        .append(", ").append(input.partitions()).append(" partitions: one task each)\n");
    rekey.ifPresent(r -> sb.append("\t\t > [ ").append(r.condition() == null ? "" : "FILTER "
        + r.condition() + " | ").append("PARTITION BY ] | ").append(r.projections()).append('\n'));
    sb.append("\t\t > [ ").append(rekey.isEmpty() && projection.condition() != null
        ? "FILTER " + projection.condition() + " | " : "").append("PROJECT ] | ")
        .append(projection.projections()).append('\n');
    tableFunctions.ifPresent(t -> sb.append("\t\t > [ FLAT MAP ] | ").append(t).append('\n'));
    sb.append("\t\t > [ OUTPUT ] | ").append(sinkColumns());
    return sb.toString();
  }
}

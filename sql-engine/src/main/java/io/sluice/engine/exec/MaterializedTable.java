package io.sluice.engine.exec;

import java.util.List;
import java.util.function.Predicate;

/**
 * A table whose rows are kept in a state store, as pull queries read it: by key, by key range,
 * or whole, from one consistent snapshot of the store's last commit.
 *
 * <p>Thread-safety: {@link #read} may be called from any thread, concurrently with the query
 * that keeps the table.
 */
public interface MaterializedTable {

  /** The id of the query that keeps the table. */
  String queryId();

  /**
   * The encoding of the table's keys in its state ({@link KeyRange}s are in it), or null when
   * the state is not keyed by the table's key columns in order (then only a full scan works).
   */
  OrderedKeys keys();

  /**
   * Reads the rows in {@code ranges}, in order, each in key order, all from one snapshot: rows
   * of the table's {@code rowSchema()} (key columns, value columns, ROWTIME, ROWPARTITION,
   * ROWOFFSET, then WINDOWSTART and WINDOWEND when windowed). Stops when {@code rows} returns
   * false. A row the same range read twice (overlapping ranges) is given twice.
   */
  void read(List<KeyRange> ranges, Predicate<Object[]> rows);

  /** The whole table, in key order. */
  static List<KeyRange> all() {
    return List.of(new KeyRange.Between(null, null));
  }
}

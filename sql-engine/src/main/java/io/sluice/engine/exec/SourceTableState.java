package io.sluice.engine.exec;

import io.sluice.engine.catalog.Source;
import io.sluice.engine.format.Serde;
import io.sluice.engine.types.Column;
import io.sluice.storage.state.StateMap;
import io.sluice.storage.state.StateSnapshot;
import io.sluice.storage.state.StateStore;
import io.sluice.storage.state.StateTransaction;
import io.sluice.storage.state.WindowedKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rows of a table over a topic (CREATE TABLE ... WITH (KAFKA_TOPIC=...)) in an LMDB
 * {@link StateStore}: map {@code rows}, key = the row's key columns in {@link OrderedKeys} (for a
 * windowed topic, {@link WindowedKeys} of that and the record's window), value = the rest of the
 * row as the table's queries see it (value and header columns, ROWTIME, ROWPARTITION, ROWOFFSET,
 * WINDOWSTART, WINDOWEND) in JSON. The latest record of a key replaces its row; a tombstone
 * (null value) deletes it. Changes go into one write transaction committed with the input
 * positions they reflect, so the store holds exactly the table as of its {@link #positions()}.
 *
 * <p>Thread-safety: {@link #apply} and {@link #commit} on the query's thread; {@link #read} from
 * any thread (a snapshot of the last commit).
 */
public final class SourceTableState implements MaterializedTable, AutoCloseable {

  private static final String MAP = "rows";

  private final String queryId;
  private final StateStore store;
  private final StateMap map;
  private final OrderedKeys keys;
  private final int keyCount;
  private final int width;
  /** Whether the topic's keys are windowed: state keys are then {@link WindowedKeys}. */
  private final boolean windowed;
  private final Serde rowSerde;
  private StateTransaction txn;

  public SourceTableState(String queryId, StateStore store, Source table) {
    this.queryId = queryId;
    this.store = store;
    this.map = store.map(MAP);
    List<Column> all = table.rowSchema().columns();
    this.keyCount = table.keyColumns().size();
    this.width = all.size();
    this.windowed = table.isWindowed();
    this.keys = new OrderedKeys(all.subList(0, keyCount));
    this.rowSerde = StateStores.rowSerde(all.subList(keyCount, width));
  }

  @Override
  public String queryId() {
    return queryId;
  }

  @Override
  public OrderedKeys keys() {
    return keys;
  }

  /**
   * Applies one record of the topic (its row in the table's row schema): the key's row becomes
   * it, or is deleted for a tombstone. Records without a key, or whose key columns are all NULL,
   * are not rows of a table (ksqlDB drops them too).
   */
  public void apply(Row row) {
    Object[] values = row.values();
    if (row.keyless() || allNull(values, keyCount) || windowed && row.window() == null) {
      return;
    }
    byte[] key = windowed
        ? WindowedKeys.encode(keys.encode(values), row.window().start(), row.window().end())
        : keys.encode(values);
    if (txn == null) {
      txn = store.begin();
    }
    if (row.tombstone()) {
      txn.delete(map, key);
    } else {
      Object[] rest = new Object[width - keyCount];
      System.arraycopy(values, keyCount, rest, 0, rest.length);
      txn.put(map, key, rowSerde.serialize(rest));
    }
  }

  private static boolean allNull(Object[] values, int count) {
    for (int i = 0; i < count; i++) {
      if (values[i] != null) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void read(List<KeyRange> ranges, Predicate<Object[]> rows) {
    try (StateSnapshot snapshot = store.snapshot()) {
      for (KeyRange range : ranges) {
        if (!range.read(snapshot, map, windowed, (key, value) -> {
          Object[] row = new Object[width];
          System.arraycopy(keys.decode(windowed ? WindowedKeys.key(key) : key), 0, row, 0,
              keyCount);
          Object[] rest = rowSerde.deserialize(value);
          System.arraycopy(rest, 0, row, keyCount, rest.length);
          return rows.test(row);
        })) {
          return;
        }
      }
    }
  }

  /** Commits the changes so far with the input positions they reflect (partition to offset). */
  public void commit(Map<Integer, Long> positions) {
    Map<String, Long> named = new HashMap<>();
    positions.forEach((p, o) -> named.put("p" + p, o));
    if (txn == null) {
      txn = store.begin();
    }
    txn.commit(named);
    txn = null;
  }

  /** The input positions of the last commit, by partition (empty for a new store). */
  public Map<Integer, Long> positions() {
    return StateStores.partitionPositions(store.positions());
  }

  /** Abandons uncommitted changes and closes the store. */
  @Override
  public void close() {
    StateTransaction open = txn;
    txn = null;
    StateStores.abortAndClose(open, store);
  }
}

package io.sluice.engine.exec;

import io.sluice.engine.format.Format;
import io.sluice.engine.format.FormatOptions;
import io.sluice.engine.format.Serde;
import io.sluice.engine.format.SerdeFactory;
import io.sluice.engine.format.SerdeRole;
import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlType;
import io.sluice.storage.state.StateMap;
import io.sluice.storage.state.StateStore;
import io.sluice.storage.state.StateTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The accumulators of an aggregation in an LMDB {@link StateStore}: map {@code aggregates}, key =
 * the group key in {@link OrderedKeys} (so that pull queries read key ranges), value = the
 * accumulators ({@link AccumulatorCodec}). Changes go into one write transaction, committed
 * together with the input positions they reflect ({@link #commit}), so after a crash the store
 * holds exactly the state as of its {@link #positions()}: the query resumes there and counts
 * nothing twice.
 *
 * <p>Thread-safety: one thread (the query's) does everything but open; the transaction is begun
 * on that thread at the first change.
 */
public final class AggregateState implements AutoCloseable {

  private static final String MAP = "aggregates";
  private static final String SOURCE_MAP = "source-rows";

  private final StateStore store;
  private final StateMap map;
  private final OrderedKeys keys;
  private final AccumulatorCodec codec;
  private StateTransaction txn;
  /** The windows of a windowed aggregation, indexed by end (null when not windowed). */
  private io.sluice.storage.state.WindowedMap windows;
  /** Values kept with the positions (stream time, last final emission), by name. */
  private final Map<String, Long> marks = new HashMap<>();
  private final Rising streamTime = new Rising("t.stream");
  private final Rising observed = new Rising("t.observed");
  private StateMap sourceMap;
  private Serde sourceKeySerde;
  private Serde sourceRowSerde;

  /**
   * @param groupColumns the group key's columns
   * @param accumulatorTypes each aggregate's accumulator type, in order
   */
  public AggregateState(StateStore store, List<Column> groupColumns,
      List<SqlType> accumulatorTypes) {
    this.store = store;
    this.map = store.map(MAP);
    this.keys = new OrderedKeys(groupColumns);
    this.codec = new AccumulatorCodec(accumulatorTypes);
  }

  /**
   * Stores the groups' windows in a {@link io.sluice.storage.state.WindowedMap} (state keys
   * from {@link io.sluice.storage.state.WindowedKeys} of the group key), which indexes them by
   * end for {@link #expire} and {@link #endedBetween}.
   */
  public AggregateState windowed() {
    this.windows = io.sluice.storage.state.WindowedMap.open(store, MAP);
    return this;
  }

  /**
   * A value committed with the positions (e.g. stream time), or {@code absent} when none was.
   * Names must not start with "p" (taken by partitions).
   */
  public long mark(String name, long absent) {
    Long v = marks.get(name);
    if (v != null) {
      return v;
    }
    return store.positions().getOrDefault(name, absent);
  }

  /**
   * The largest record time the aggregation has seen (its stream time, shared by every input
   * partition, kept across restarts), or {@link Long#MIN_VALUE}.
   */
  public long streamTime() {
    return streamTime.get();
  }

  /** Moves stream time to {@code time} if that is later; returns the stream time. */
  public long advanceStreamTime(long time) {
    return streamTime.raise(time);
  }

  /**
   * The largest window start (for sessions: end) stored, which the retention counts from; kept
   * across restarts, {@link Long#MIN_VALUE} before the first window.
   */
  public long observed() {
    return observed.get();
  }

  /** Moves {@link #observed()} to {@code time} if that is later. */
  public void observe(long time) {
    observed.raise(time);
  }

  /**
   * A mark that only grows (a time), read once from the positions and then kept in a field, since
   * it is read per record.
   */
  private final class Rising {
    private static final long UNKNOWN = Long.MIN_VALUE + 1;
    private final String name;
    private long value = UNKNOWN;

    Rising(String name) {
      this.name = name;
    }

    long get() {
      if (value == UNKNOWN) {
        value = mark(name, Long.MIN_VALUE);
      }
      return value;
    }

    /** Raises the mark to {@code time} if that is later (committed with the next commit); returns it. */
    long raise(long time) {
      long now = get();
      if (time > now) {
        value = time;
        marks.put(name, time);
        return time;
      }
      return now;
    }
  }

  /** Sets a value committed with the next {@link #commit}. */
  public void setMark(String name, long value) {
    marks.put(name, value);
  }

  /**
   * Stores a window's accumulators under its state key {@code stored} (the
   * {@link io.sluice.storage.state.WindowedKeys} of its group key and bounds), indexing a window
   * that is {@code created} (not stored before) by its end.
   */
  public void putWindow(byte[] stored, long end, Object[] accumulators, boolean created) {
    windows.putEncoded(transaction(), stored, end, codec.encode(accumulators),
        created);
  }

  /** Removes a stored window (with its index entry). */
  public void deleteWindow(byte[] groupKey, long start, long end) {
    windows.delete(transaction(), groupKey, start, end);
  }

  /** The stored keys of the windows that ended in {@code (afterEnd, upToEnd]}, in end order. */
  public List<byte[]> endedBetween(long afterEnd, long upToEnd) {
    return windows.endedBetween(transaction(), afterEnd, upToEnd);
  }

  /** Removes every window that ended before {@code horizon}; returns how many. */
  public int expire(long horizon) {
    int total = 0;
    int n;
    do {
      n = windows.expire(transaction(), horizon, 10_000);
      total += n;
    } while (n == 10_000);
    return total;
  }

  /**
   * Keeps, for an aggregation over a TABLE, each input row's last contribution (its group key
   * and aggregate arguments, by the table's key) so that a change can retract it.
   *
   * @param keyColumns the input table's key columns
   * @param rowColumns the columns of a contribution
   */
  public AggregateState withSourceRows(List<Column> keyColumns, List<Column> rowColumns) {
    this.sourceMap = store.map(SOURCE_MAP);
    this.sourceKeySerde = SerdeFactory.create(Format.JSON, FormatOptions.DEFAULTS, keyColumns,
        SerdeRole.KEY);
    this.sourceRowSerde = StateStores.rowSerde(rowColumns);
    return this;
  }

  /** The state key of an input table row. */
  public byte[] sourceKey(Object[] key) {
    return sourceKeySerde.serialize(key);
  }

  /** The last contribution of an input table row, or null. */
  public Object[] sourceRow(byte[] key) {
    byte[] bytes = transaction().get(sourceMap, key);
    return bytes == null ? null : sourceRowSerde.deserialize(bytes);
  }

  /** Records (or, for null, forgets) an input table row's contribution. */
  public void sourceRow(byte[] key, Object[] row) {
    if (row == null) {
      transaction().delete(sourceMap, key);
    } else {
      transaction().put(sourceMap, key, sourceRowSerde.serialize(row));
    }
  }

  /** A stored session window of a group: its state key, bounds and accumulators. */
  public record Session(byte[] key, long start, long end, Object[] accumulators) {}

  /** The session windows stored for a group (its state key without window), by start. */
  public List<Session> sessions(byte[] groupKey) {
    List<Session> out = new ArrayList<>();
    try (io.sluice.storage.state.StateCursor c = transaction().prefixScan(map,
        io.sluice.storage.state.WindowedKeys.keyPrefix(groupKey))) {
      while (c.next()) {
        byte[] k = c.key();
        out.add(new Session(k, io.sluice.storage.state.WindowedKeys.start(k),
            io.sluice.storage.state.WindowedKeys.end(k), codec.decode(c.value())));
      }
    }
    return out;
  }

  /**
   * Reads the stored groups in {@code ranges} as of the last commit (one snapshot: safe from any
   * thread, never blocks the query), in key order: the state key and the accumulators; stops
   * when {@code action} returns false.
   *
   * @param windowed whether the state keys are {@link io.sluice.storage.state.WindowedKeys}
   */
  public void readCommitted(List<KeyRange> ranges, boolean windowed,
      java.util.function.BiPredicate<byte[], Object[]> action) {
    try (io.sluice.storage.state.StateSnapshot snapshot = store.snapshot()) {
      for (KeyRange range : ranges) {
        if (!range.read(snapshot, map, windowed,
            (key, value) -> action.test(key, codec.decode(value)))) {
          return;
        }
      }
    }
  }

  /** The group key values of a (non-windowed) state key. */
  public Object[] group(byte[] key) {
    return keys.decode(key);
  }

  /** The state key of a group. */
  public byte[] key(Object[] group) {
    return keys.encode(group);
  }

  /** The encoding of group keys. */
  public OrderedKeys keys() {
    return keys;
  }

  /** The group's accumulators, or null for a group not seen yet. */
  public Object[] get(byte[] key) {
    byte[] bytes = transaction().get(map, key);
    return bytes == null ? null : codec.decode(bytes);
  }

  /** Stores the group's accumulators (in the open transaction). */
  public void put(byte[] key, Object[] accumulators) {
    transaction().put(map, key, codec.encode(accumulators));
  }

  private StateTransaction transaction() {
    if (txn == null) {
      txn = store.begin();
    }
    return txn;
  }

  /** Commits the changes so far with the input positions they reflect (partition to offset). */
  public void commit(Map<Integer, Long> positions) {
    Map<String, Long> named = new HashMap<>(store.positions());
    named.putAll(marks);
    positions.forEach((p, o) -> named.put("p" + p, o));
    transaction().commit(named);
    txn = null;
    marks.clear();
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

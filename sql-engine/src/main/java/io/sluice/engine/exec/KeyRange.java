package io.sluice.engine.exec;

import io.sluice.storage.state.StateCursor;
import io.sluice.storage.state.StateMap;
import io.sluice.storage.state.StateReader;
import io.sluice.storage.state.WindowedKeys;

/**
 * A part of a materialized table that a pull query reads, in terms of {@link OrderedKeys}
 * encodings of the table's key: one key, the keys in a byte range, or some windows of one key.
 * {@link #read} turns it into reads of a state map whose keys are those encodings, or
 * {@link WindowedKeys} of them.
 */
public sealed interface KeyRange {

  /** The key {@code key} (all its windows in a windowed table). */
  record Point(byte[] key) implements KeyRange {}

  /**
   * The keys whose encoding lies in {@code [from, to)}; a null bound is open. Bounds need not be
   * whole encodings (a prefix of the columns, or one made with {@link OrderedKeys#prefixEnd}).
   */
  record Between(byte[] from, byte[] to) implements KeyRange {}

  /** The windows of {@code key} whose start is in {@code [startMin, startMax]}. */
  record Windows(byte[] key, long startMin, long startMax) implements KeyRange {}

  /** Told each entry read: its state key and value; returns false to stop reading. */
  @FunctionalInterface
  interface Entries {
    boolean accept(byte[] stateKey, byte[] value);
  }

  /**
   * Reads the entries of this range in {@code map}, in key order, until {@code entries} returns
   * false; returns false when it did.
   *
   * @param windowed whether the map's keys are {@link WindowedKeys} of the table's keys
   */
  default boolean read(StateReader reader, StateMap map, boolean windowed, Entries entries) {
    byte[] from;
    byte[] to;
    if (this instanceof Point p) {
      if (!windowed) {
        byte[] value = reader.get(map, p.key());
        return value == null || entries.accept(p.key(), value);
      }
      from = WindowedKeys.keyPrefix(p.key());
      to = OrderedKeys.prefixEnd(from);
    } else if (this instanceof Between b) {
      from = b.from() == null || !windowed ? b.from() : WindowedKeys.keyBound(b.from());
      to = b.to() == null || !windowed ? b.to() : WindowedKeys.keyBound(b.to());
    } else {
      Windows w = (Windows) this;
      if (!windowed) {
        throw new IllegalArgumentException("window bounds on a table without windows");
      }
      if (w.startMin() > w.startMax()) {
        return true;
      }
      from = WindowedKeys.startBound(w.key(), w.startMin());
      to = w.startMax() == Long.MAX_VALUE
          ? OrderedKeys.prefixEnd(WindowedKeys.keyPrefix(w.key()))
          : WindowedKeys.startBound(w.key(), w.startMax() + 1);
    }
    try (StateCursor c = reader.scan(map, from, to)) {
      while (c.next()) {
        if (!entries.accept(c.key(), c.value())) {
          return false;
        }
      }
    }
    return true;
  }
}

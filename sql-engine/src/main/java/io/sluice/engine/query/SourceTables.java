package io.sluice.engine.query;

import io.sluice.engine.catalog.Source;
import io.sluice.engine.exec.MaterializedTable;
import io.sluice.engine.exec.Operator;
import io.sluice.engine.exec.ProcessingLog;
import io.sluice.engine.exec.QueryRunner;
import io.sluice.engine.exec.Row;
import io.sluice.engine.exec.SourceDecoder;
import io.sluice.engine.exec.SourceTableState;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogReader;
import io.sluice.grammar.ast.SourceKind;
import io.sluice.storage.state.StateStore;
import io.sluice.storage.state.StateStoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Materializes tables over topics ({@code CREATE [SOURCE] TABLE t (id ... PRIMARY KEY, ...) WITH
 * (KAFKA_TOPIC=...)}, and the output of {@code CREATE TABLE ... AS SELECT} without GROUP BY) so
 * that pull queries read them: one internal query per table, id
 * {@code CST_<TABLE>_<n>} ({@code n} the offset of its CREATE in the command log, as ksqlDB names
 * its source-table queries), reads every partition of the topic from the start and keeps the
 * latest row per key in a {@link SourceTableState} in {@code <stateDir>/<id>}; a tombstone deletes
 * the key. State and input positions commit together at each barrier, so a restart resumes
 * where the store ends. There is no changelog topic: the source topic is one, so a missing state
 * directory is rebuilt by reading the topic again, with progress in the log.
 *
 * <p>These queries are internal: not in SHOW QUERIES and not terminable; DROP TABLE stops the
 * table's query and deletes its state, CREATE OR REPLACE TABLE starts a new one. A windowed
 * topic's rows are kept per key and window.
 *
 * <p>Thread-safe: changes are serialized by the engine; lookups from any thread.
 */
final class SourceTables implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SourceTables.class.getName());
  /** How often a rebuild logs its progress. */
  private static final long PROGRESS_LOG_MS = 5_000;

  private final LogIO io;
  private final EngineConfig config;
  private final Supplier<Path> stateDir;
  private final Map<String, Materialized> tables = new LinkedHashMap<>();

  /** One table's query and state. */
  private record Materialized(String id, Source table, QueryRunner runner,
      SourceTableState state, Path dir) {}

  SourceTables(LogIO io, EngineConfig config, Supplier<Path> stateDir) {
    this.io = io;
    this.config = config;
    this.stateDir = stateDir;
  }

  /** Whether a source is a table over a topic that can be materialized. */
  static boolean materializable(Source source) {
    return source.kind() == SourceKind.TABLE && !source.keyColumns().isEmpty();
  }

  /** The id of the query materializing a table its CREATE at {@code offset} made. */
  static String queryId(String table, long offset) {
    return "CST_" + table.replaceAll("[^A-Za-z0-9._-]", "_") + "_" + offset;
  }

  /**
   * The id of the query materializing a table the query {@code writer} writes: with the offset
   * that ends the writer's id ({@code CSAS_T_12}: {@code CST_T_12}).
   */
  static String queryId(String table, String writer) {
    String offset = writer.substring(writer.lastIndexOf('_') + 1);
    return offset.matches("[0-9]+") ? queryId(table, Long.parseLong(offset))
        : "CST_" + writer.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The state of a materialized table, for pull queries. */
  synchronized Optional<MaterializedTable> table(String name) {
    return Optional.ofNullable(tables.get(name)).map(Materialized::state);
  }

  /**
   * Materializes a table a CREATE just made or replaced, by query {@code id}; the query starts
   * now unless {@code replaying} (then at {@link #startAll}) or in manual mode.
   */
  synchronized void created(Source table, String id, boolean replaying) {
    Materialized existing = tables.get(table.name());
    if (existing != null && existing.table().equals(table)) {
      return; // CREATE ... IF NOT EXISTS of the same table, replayed
    }
    stop(table.name(), true);
    if (!materializable(table)) {
      return;
    }
    Materialized m;
    try {
      m = open(id, table, replaying);
    } catch (RuntimeException e) {
      // the table stands (its statement was accepted); only pull queries on it are refused
      LOG.log(System.Logger.Level.WARNING, "table " + table.name() + " is not materialized: "
          + e.getMessage());
      return;
    }
    tables.put(table.name(), m);
    if (!replaying && !config.manual()) {
      m.runner().start();
    }
  }

  /** Stops a dropped table's query and deletes its state. */
  synchronized void dropped(String name) {
    stop(name, true);
  }

  /** Starts the queries replay made (server mode). */
  synchronized void startAll() {
    if (!config.manual()) {
      for (Materialized m : tables.values()) {
        if (m.runner().state() == QueryRunner.State.CREATED) {
          m.runner().start();
        }
      }
    }
  }

  /** Steps every table's query until none has input left (manual mode); whether any had. */
  boolean runUntilIdle() {
    List<Materialized> all;
    synchronized (this) {
      all = new ArrayList<>(tables.values());
    }
    boolean any = false;
    for (Materialized m : all) {
      while (m.runner().step(Duration.ZERO) > 0) {
        any = true;
      }
    }
    return any;
  }

  private Materialized open(String id, Source table, boolean replaying) {
    SourceDecoder decoder = new SourceDecoder(table);
    Path dir = stateDir.get().resolve(id);
    boolean existed = Files.exists(dir);
    StateStore store;
    try {
      // Test mode's stores are thrown away: no fsync at each of its many commits.
      store = StateStore.open(dir, config.manual()
          ? StateStoreOptions.DEFAULTS.withSyncOnCommit(false) : StateStoreOptions.DEFAULTS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the state of table " + table.name() + " in "
          + dir, e);
    }
    SourceTableState state = new SourceTableState(id, store, table);
    try {
      Map<Integer, Long> start = new HashMap<>(state.positions());
      for (int p = 0; p < table.partitions(); p++) {
        start.putIfAbsent(p, LogReader.EARLIEST);
      }
      Rebuild rebuild = start.values().stream().allMatch(o -> o == LogReader.EARLIEST)
          ? rebuild(id, table, replaying && !existed, dir) : null;
      QueryRunner runner = new QueryRunner(id, io.reader(), decoder, new ProcessingLog(id),
          context -> new Operator() {
            @Override
            public void onRow(Row row) {
              state.apply(row);
            }

            @Override
            public void onBarrier(long epoch) {}

            @Override
            public void onWatermark(long timestamp) {}
          },
          start, positions -> {
            state.commit(positions);
            if (rebuild != null) {
              rebuild.reached(positions);
            }
          }, () -> false, config.manual() ? 0 : PersistentQueries.BARRIER_INTERVAL_MS);
      return new Materialized(id, table, runner, state, dir);
    } catch (RuntimeException e) {
      state.close();
      throw e;
    }
  }

  /**
   * Logs the progress of reading a topic into an empty store: the end offsets to reach, logged
   * when reached (and every few seconds before); null when the topic is empty.
   */
  private Rebuild rebuild(String id, Source table, boolean lost, Path dir) {
    Map<Integer, Long> ends = new HashMap<>();
    long total = 0;
    for (int p = 0; p < table.partitions(); p++) {
      TopicPartition tp = new TopicPartition(table.topic(), p);
      long end = io.endOffset(tp);
      ends.put(p, end);
      total += end - io.startOffset(tp);
    }
    if (total == 0) {
      return null;
    }
    LOG.log(System.Logger.Level.INFO, "table " + table.name() + " (query " + id + "): "
        + (lost ? "state directory " + dir + " is missing; rebuilding it" : "materializing")
        + " from topic " + table.topic() + ", " + total + " records");
    return new Rebuild(id, table.name(), ends, total);
  }

  /** The progress of a rebuild, told the positions of each commit. */
  private static final class Rebuild {
    private final String id;
    private final String table;
    private final Map<Integer, Long> ends;
    private final long total;
    private final long started = System.nanoTime();
    private long lastLog = started;
    private boolean done;

    Rebuild(String id, String table, Map<Integer, Long> ends, long total) {
      this.id = id;
      this.table = table;
      this.ends = ends;
      this.total = total;
    }

    void reached(Map<Integer, Long> positions) {
      if (done) {
        return;
      }
      long behind = 0;
      for (Map.Entry<Integer, Long> e : ends.entrySet()) {
        behind += Math.max(0, e.getValue() - positions.getOrDefault(e.getKey(), 0L));
      }
      long now = System.nanoTime();
      if (behind == 0) {
        done = true;
        LOG.log(System.Logger.Level.INFO, "table " + table + " (query " + id + "): read "
            + total + " records into its state in " + (now - started) / 1_000_000 + " ms");
      } else if (now - lastLog > PROGRESS_LOG_MS * 1_000_000) {
        lastLog = now;
        LOG.log(System.Logger.Level.INFO, "table " + table + " (query " + id + "): "
            + (total - behind) + " of " + total + " records read");
      }
    }
  }

  private void stop(String name, boolean deleteState) {
    Materialized m = tables.remove(name);
    if (m == null) {
      return;
    }
    close(m);
    if (deleteState) {
      try (var paths = Files.walk(m.dir())) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot delete the state of dropped table " + name
            + " in " + m.dir() + ": " + e);
      }
    }
  }

  private static void close(Materialized m) {
    m.runner().close();
    m.state().close();
  }

  /** Stops every table's query; the state stays for the next start. */
  @Override
  public synchronized void close() {
    tables.values().forEach(SourceTables::close);
    tables.clear();
  }
}

package io.sluice.engine.query;

import io.sluice.engine.catalog.Source;
import io.sluice.engine.exec.AggregateOperator;
import io.sluice.engine.exec.AggregateState;
import io.sluice.engine.exec.ProcessingLog;
import io.sluice.engine.exec.QueryRunner;
import io.sluice.engine.exec.SinkOperator;
import io.sluice.engine.exec.SourceDecoder;
import io.sluice.engine.exec.SourceSerdes;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogReader;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.plan.AggregatePlan;
import io.sluice.storage.state.StateStore;
import io.sluice.storage.state.StateStoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts aggregation queries (CREATE TABLE ... AS SELECT ... GROUP BY). Each query keeps its
 * accumulators in its own LMDB state store ({@code <stateDir>/<queryId>}) and commits them with
 * the input positions they reflect at every barrier; a restarted query resumes from the
 * positions of its store, so no record is counted twice or lost (its output, a table changelog,
 * may repeat the last updates written before a crash: a table's final values are the same).
 * One runner reads every input partition, so one store holds every group.
 */
final class AggregateQueries {

  private final LogIO io;
  private final EngineConfig config;
  /** The state directory; a temporary one is made at the first aggregation when none is set. */
  private Path stateDir;
  private boolean temporary;

  AggregateQueries(LogIO io, EngineConfig config) {
    this.io = io;
    this.config = config;
    this.stateDir = config.stateDir();
  }

  synchronized Path stateDir() throws IOException {
    if (stateDir == null) {
      stateDir = Files.createTempDirectory("sluice-state");
      temporary = true;
    }
    return stateDir;
  }

  /** Removes a temporary state directory (the queries are closed). */
  synchronized void close() {
    if (!temporary) {
      return;
    }
    try (var paths = Files.walk(stateDir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  private static SinkOperator sink(Source sink, SourceSerdes serdes, AggregatePlan plan,
      LogWriter writer, io.sluice.engine.exec.TaskContext context, ProcessingLog log) {
    SinkOperator out = new SinkOperator(sink.topic(), serdes.key(), serdes.value(),
        plan.keyIndexes(), plan.valueIndexes(), writer, null, context, log, false, null);
    return sink.window().map(out::windowed).orElse(out);
  }

  /** The compacted topic holding a query's state changes. */
  private String changelogTopic(String id) {
    String service = config.serviceId().isEmpty() ? "" : config.serviceId() + "_";
    return "_sluice_" + service + id.replaceAll("[^A-Za-z0-9._-]", "_") + "_changelog";
  }

  /**
   * Rebuilds a query's missing state directory from its changelog; null when the changelog is
   * empty (a new query, or one that never committed).
   */
  private StateStore restoreFrom(String id, Path storeDir, String topic,
      StateStoreOptions options) throws IOException {
    StateChangelog.Contents contents = StateChangelog.read(io, topic);
    if (contents.records().isEmpty() && contents.positions().isEmpty()) {
      return null;
    }
    LOG.log(System.Logger.Level.INFO, "query " + id + ": state directory " + storeDir
        + " is missing; restoring " + contents.records().size() + " entries from " + topic);
    StateStore store = StateStore.restore(storeDir, options)
        .listener(p -> {
          if (p.done()) {
            LOG.log(System.Logger.Level.INFO, "query " + id + ": restored " + p.records()
                + " entries in " + p.elapsed().toMillis() + " ms");
          }
        })
        .run(contents.records().iterator(), contents.positions());
    return store;
  }

  private static final System.Logger LOG = System.getLogger(AggregateQueries.class.getName());

  /**
   * The accumulators of a plan in a store; over a TABLE also each input row's last
   * contribution (the pre row: group keys and arguments).
   */
  private static AggregateState state(StateStore store, AggregatePlan plan) {
    List<SqlType> accumulators = new ArrayList<>(
        plan.aggregates().stream().map(c -> c.aggregate().accumulatorType()).toList());
    if (plan.window().isPresent() && !plan.window().get().session()) {
      accumulators.add(SqlType.BIGINT); // a time window's results' time
    }
    AggregateState state = new AggregateState(store, plan.groupColumns(), accumulators);
    if (plan.window().isPresent()) {
      state.windowed();
    }
    if (plan.overTable()) {
      List<Column> row = new ArrayList<>();
      List<SqlType> types = plan.pre().outputTypes();
      for (int i = 0; i < types.size(); i++) {
        row.add(new Column("C" + i, types.get(i)));
      }
      state.withSourceRows(plan.input().keySchema().columns(), row);
    }
    return state;
  }

  /** A push query's aggregation: its runner and its temporary state, to close at its end. */
  record PushRun(QueryRunner runner, AutoCloseable state) {}

  /**
   * Starts nothing yet: builds the runner of a push query with GROUP BY ({@code SELECT ... GROUP
   * BY ... EMIT CHANGES}). Its state lives in a temporary store, committed after every batch
   * and removed when the query ends; each update of a group goes to {@code terminal} (a row of
   * the SELECT's values, with its window in {@link io.sluice.engine.exec.Row#window()}).
   */
  PushRun push(String id, AggregatePlan plan, Map<Integer, Long> start, ProcessingLog log,
      io.sluice.engine.exec.Operator terminal, java.util.function.Supplier<Boolean> done) {
    Path dir;
    StateStore store;
    try {
      dir = Files.createTempDirectory("sluice-push-" + id);
      store = StateStore.open(dir.resolve("state"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the state of push query " + id, e);
    }
    AggregateState state = state(store, plan);
    QueryRunner runner = new QueryRunner(id, io.reader(),
        new SourceDecoder(plan.input(), plan.inputColumns()), log,
        context -> new AggregateOperator(plan, state, context, log, terminal),
        start, state::commit, done, 0);
    AutoCloseable cleanup = () -> {
      state.close();
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    };
    return new PushRun(runner, cleanup);
  }

  PersistentQuery start(String id, String text, AggregatePlan plan, Source sink,
      Map<String, String> props, ProcessingLog log, LogWriter writer) {
    StateStore store;
    String changelogTopic = changelogTopic(id);
    StateChangelog.create(io, changelogTopic);
    StateStoreOptions options = StateStoreOptions.DEFAULTS
        .withChangelog(new StateChangelog(changelogTopic, writer));
    try {
      Path dir = stateDir();
      Files.createDirectories(dir);
      Path storeDir = dir.resolve(id);
      store = Files.exists(storeDir) ? null
          : restoreFrom(id, storeDir, changelogTopic, options);
      if (store == null) {
        store = StateStore.open(storeDir, options);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the state of query " + id + " in " + stateDir,
          e);
    }
    AggregateState state = state(store, plan);
    Map<Integer, Long> start = new HashMap<>(state.positions());
    if (start.isEmpty()) {
      start.putAll(ProgressStore.Offsets.parse(props.get(PersistentQueries.START)));
    }
    for (int p = 0; p < plan.input().partitions(); p++) {
      start.putIfAbsent(p, LogReader.EARLIEST);
    }
    SourceSerdes serdes = SourceSerdes.of(sink);
    QueryRunner runner = new QueryRunner(id, io.reader(),
        new SourceDecoder(plan.input(), plan.inputColumns()), log,
        context -> new AggregateOperator(plan, state, context, log,
            sink(sink, serdes, plan, writer, context, log)),
        start, state::commit, () -> false,
        config.manual() ? 0 : PersistentQueries.BARRIER_INTERVAL_MS);
    return new PersistentQuery(id, text, plan.input().name(), sink.name(), plan, runner, state);
  }
}

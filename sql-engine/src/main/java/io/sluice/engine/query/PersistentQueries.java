package io.sluice.engine.query;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.Command;
import io.sluice.engine.catalog.Namespace;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.catalog.WindowInfo;
import io.sluice.engine.catalog.SinkAnalyzer;
import io.sluice.engine.exec.OperatorChain;
import io.sluice.engine.exec.ProcessingLog;
import io.sluice.engine.expr.ExpressionErrorListener;
import io.sluice.engine.exec.QueryRunner;
import io.sluice.engine.exec.SinkOperator;
import io.sluice.engine.exec.SourceDecoder;
import io.sluice.engine.exec.SourceSerdes;
import io.sluice.engine.exec.TimestampColumn;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogReader;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.TopicDescription;
import io.sluice.engine.plan.PlanException;
import io.sluice.engine.plan.AggregatePlan;
import io.sluice.engine.plan.QueryPlan;
import io.sluice.engine.plan.StreamPlan;
import io.sluice.grammar.ast.CreateAsSelect;
import io.sluice.grammar.ast.InsertInto;
import io.sluice.grammar.ast.SourceKind;
import io.sluice.grammar.ast.Terminate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The persistent queries of an engine: starts them for CREATE STREAM ... AS SELECT and INSERT
 * INTO ... SELECT, stops them for TERMINATE, and restarts them after the command log replay.
 *
 * <p>A new query's command carries where it starts: {@value #START} (input positions resolved
 * from {@code auto.offset.reset} when it was created) and {@value #OUTPUT} (the output topic's
 * end offsets then), so that a restart before the first checkpoint resumes exactly too.
 *
 * <p>Thread-safe: changes are serialized by the engine.
 */
final class PersistentQueries implements AutoCloseable {

  static final String START = "sluice.query.start";
  static final String OUTPUT = "sluice.query.output";
  /**
   * How often a running query flushes its output and checkpoints while records flow (also when
   * its input runs dry): the bound on work redone after a crash, and the cost of one round trip.
   */
  static final long BARRIER_INTERVAL_MS = 2_000;

  private final LogIO io;
  private final Catalog catalog;
  private final EngineConfig config;
  private final Planning planning;
  private final ProgressStore progress;
  private final LogWriter writer;
  private final AggregateQueries aggregates;
  private final Map<String, PersistentQuery> queries = new LinkedHashMap<>();
  private final Map<String, Long> lastCheckpoint = new java.util.concurrent.ConcurrentHashMap<>();

  PersistentQueries(LogIO io, Catalog catalog, EngineConfig config, Planning planning) {
    this.io = io;
    this.catalog = catalog;
    this.config = config;
    this.planning = planning;
    this.progress = new ProgressStore(io, config.progressTopic());
    this.writer = io.writer();
    this.aggregates = new AggregateQueries(io, config);
  }

  /** The aggregation starter (push queries with GROUP BY use it too). */
  AggregateQueries aggregates() {
    return aggregates;
  }

  synchronized List<PersistentQuery> list() {
    return List.copyOf(queries.values());
  }

  synchronized Optional<PersistentQuery> get(String id) {
    return Optional.ofNullable(queries.get(id));
  }

  /** CREATE STREAM ... AS SELECT. */
  synchronized StatementResult createAsSelect(CreateAsSelect stmt, String text,
      Map<String, String> session) {
    boolean aggregation = !stmt.query().groupBy().isEmpty();
    if (stmt.kind() == SourceKind.STREAM && aggregation) {
      throw new PlanException(stmt.pos(), "Invalid result type. Your SELECT query produces a"
          + " TABLE. Please use CREATE TABLE AS SELECT statement instead.");
    }
    String name = stmt.name().value();
    Optional<Source> existing = catalog.source(name);
    if (existing.isPresent() && stmt.ifNotExists()) {
      return StatementResult.status(text, "A " + existing.get().kind().name().toLowerCase(
          Locale.ROOT) + " with the name " + name + " already exists.");
    }
    if (existing.isPresent() && !stmt.orReplace()) {
      throw new PlanException(stmt.name().pos(), "Cannot add stream '" + name + "': A "
          + existing.get().kind().name().toLowerCase(Locale.ROOT) + " with the same name already"
          + " exists. Use CREATE OR REPLACE, or choose another name.");
    }
    ProcessingLog log = new ProcessingLog(name);
    QueryPlan plan = plan(stmt, Planning.errorsTo(log), session);
    Source sink = windowed(SinkAnalyzer.analyze(name, stmt.kind(), stmt.properties(), stmt.pos(),
        text, session, plan.input(), sinkColumns(plan, stmt.kind()), "pending"), plan);
    if (existing.isPresent() && existing.get().queryId().isPresent()) {
      throw new PlanException(stmt.name().pos(), "Cannot replace " + name + ": it is written by"
          + " query " + existing.get().queryId().get() + ". TERMINATE it first.");
    }
    int partitions = sinkTopic(sink, SinkAnalyzer.topicConfigs(stmt.properties(), stmt.pos()),
        stmt);
    sink = sink.withPartitions(partitions);
    Map<String, String> props = startProperties(plan.input(), sink, session);
    long offset = catalog.appendCommand(new Command(text, props));
    String id = (aggregation ? "CTAS_" : "CSAS_") + name + "_" + offset;
    Source registered = sink.toBuilder().queryId(Optional.of(id)).build();
    catalog.register(registered, stmt.orReplace());
    start(id, text, plan, registered, props, false, log);
    return new StatementResult(text, "currentStatus", "Created query with ID " + id, List.of(),
        List.of(), Optional.of(id));
  }

  /** INSERT INTO ... SELECT. */
  synchronized StatementResult insertInto(InsertInto stmt, String text,
      Map<String, String> session) {
    Source target = catalog.source(stmt.target().value()).orElseThrow(() -> new PlanException(
        stmt.target().pos(), stmt.target().value() + " does not exist."));
    if (target.kind() != SourceKind.STREAM) {
      throw new PlanException(stmt.target().pos(), "INSERT INTO can only be used to insert into"
          + " a stream. " + target.name() + " is a table.");
    }
    if (target.isReadOnly()) {
      throw new PlanException(stmt.target().pos(), "Cannot insert into read-only stream: "
          + target.name());
    }
    ProcessingLog log = new ProcessingLog(target.name());
    StreamPlan plan = planning.plan(stmt.query(), true, Planning.errorsTo(log));
    checkCompatible(plan, target, stmt);
    Map<String, String> props = startProperties(plan.input(), target, session);
    long offset = catalog.appendCommand(new Command(text, props));
    String id = "INSERTQUERY_" + offset;
    start(id, text, plan, target, props, false, log);
    return new StatementResult(text, "currentStatus", "Created query with ID " + id, List.of(),
        List.of(), Optional.of(id));
  }

  private static void checkCompatible(StreamPlan plan, Source target, InsertInto stmt) {
    List<String> produced = plan.sinkColumns().stream()
        .map(c -> c.name() + " " + c.type() + (c.namespace().isKey() ? " KEY" : "")).toList();
    List<String> wanted = new ArrayList<>();
    target.keyColumns().forEach(c -> wanted.add(c.name() + " " + c.type() + " KEY"));
    target.valueColumns().forEach(c -> wanted.add(c.name() + " " + c.type()));
    if (!produced.equals(wanted)) {
      throw new PlanException(stmt.pos(), "Incompatible schema between results and sink."
          + "\nResult schema is " + produced + "\nSink schema is " + wanted);
    }
  }

  /** TERMINATE id | ALL. */
  synchronized StatementResult terminate(Terminate stmt, String text) {
    List<String> ids = stmt.all() ? new ArrayList<>(queries.keySet())
        : List.of(stmt.queryId().get().value().toUpperCase(Locale.ROOT));
    for (String id : ids) {
      if (!queries.containsKey(id)) {
        throw new PlanException(stmt.queryId().get().pos(), "Unknown queryId: " + id
            + ". SHOW QUERIES lists the running ones.");
      }
    }
    catalog.appendCommand(new Command(text, Map.of()));
    for (String id : ids) {
      stop(id);
      progress.delete(id);
    }
    return StatementResult.status(text, "Query terminated.");
  }

  private void stop(String id) {
    PersistentQuery q = queries.remove(id);
    if (q != null) {
      closeQuery(q);
      catalog.removeQuery(id);
    }
  }

  /** Recreates a query from its command during replay (not started until {@link #startAll}). */
  synchronized void replay(long offset, Command command, io.sluice.grammar.ast.Statement stmt) {
    String text = command.statement();
    ProcessingLog log = new ProcessingLog(String.valueOf(offset));
    if (stmt instanceof CreateAsSelect create) {
      boolean aggregation = !create.query().groupBy().isEmpty();
      QueryPlan plan = plan(create, Planning.errorsTo(log), command.properties());
      String name = create.name().value();
      String id = (aggregation ? "CTAS_" : "CSAS_") + name + "_" + offset;
      Source sink = windowed(SinkAnalyzer.analyze(name, create.kind(), create.properties(),
          create.pos(), text, command.properties(), plan.input(),
          sinkColumns(plan, create.kind()), id), plan);
      sink = sink.withPartitions(io.describe(sink.topic()).map(TopicDescription::partitions)
          .orElse(sink.partitions()));
      catalog.register(sink, true);
      start(id, text, plan, sink, command.properties(), true, log);
    } else if (stmt instanceof InsertInto insert) {
      StreamPlan plan = planning.plan(insert.query(), true, Planning.errorsTo(log));
      Source target = catalog.source(insert.target().value()).orElseThrow();
      start("INSERTQUERY_" + offset, text, plan, target, command.properties(), true, log);
    } else if (stmt instanceof Terminate t) {
      List<String> ids = t.all() ? new ArrayList<>(queries.keySet())
          : List.of(t.queryId().get().value().toUpperCase(Locale.ROOT));
      ids.forEach(this::stop);
    }
  }

  /** Starts the threads of the queries replay recreated (server mode). */
  synchronized void startAll() {
    if (!config.manual()) {
      for (PersistentQuery q : queries.values()) {
        if (q.runner().state() == QueryRunner.State.CREATED) {
          q.runner().start();
        }
      }
    }
  }

  private int sinkTopic(Source sink, Map<String, String> configs, CreateAsSelect stmt) {
    Optional<TopicDescription> found = io.describe(sink.topic());
    if (found.isPresent()) {
      if (stmt.properties().containsKey("PARTITIONS")
          && found.get().partitions() != sink.partitions()) {
        throw new PlanException(stmt.pos(), "A Kafka topic with the name '" + sink.topic()
            + "' already exists, with different partition configuration than required: "
            + found.get().partitions() + " partitions, not " + sink.partitions());
      }
      return found.get().partitions();
    }
    return io.createTopic(sink.topic(), sink.partitions(), configs).partitions();
  }

  private Map<String, String> startProperties(Source input, Source output,
      Map<String, String> session) {
    String reset = Planning.offsetReset(session, config);
    Map<Integer, Long> start = new HashMap<>();
    for (int p = 0; p < input.partitions(); p++) {
      TopicPartition tp = new TopicPartition(input.topic(), p);
      start.put(p, reset.equals("latest") ? io.endOffset(tp) : io.startOffset(tp));
    }
    Map<Integer, Long> out = new HashMap<>();
    int outputPartitions = io.describe(output.topic()).map(TopicDescription::partitions)
        .orElse(output.partitions());
    for (int p = 0; p < outputPartitions; p++) {
      out.put(p, io.endOffset(new TopicPartition(output.topic(), p)));
    }
    Map<String, String> props = new HashMap<>(session);
    props.put(START, ProgressStore.Offsets.format(start));
    props.put(OUTPUT, ProgressStore.Offsets.format(out));
    return props;
  }

  private void start(String id, String text, QueryPlan queryPlan, Source sink,
      Map<String, String> props, boolean replaying, ProcessingLog log) {
    log.name(id);
    if (queryPlan instanceof AggregatePlan aggregate) {
      PersistentQuery q = aggregates.start(id, text, aggregate, sink, props, log, writer);
      queries.put(id, q);
      catalog.addReader(aggregate.input().name(), id);
      catalog.addWriter(sink.name(), id);
      if (!replaying && !config.manual()) {
        q.runner().start();
      }
      return;
    }
    StreamPlan plan = (StreamPlan) queryPlan;
    ProgressStore.Checkpoint checkpoint = progress.get(id).orElse(new ProgressStore.Checkpoint(
        ProgressStore.Offsets.parse(props.get(START)),
        ProgressStore.Offsets.parse(props.get(OUTPUT))));
    Map<Integer, Long> start = config.sourceHeaders()
        ? Resume.positions(io, id, sink.topic(), checkpoint) : new HashMap<>(checkpoint.input());
    for (int p = 0; p < plan.input().partitions(); p++) {
      start.putIfAbsent(p, LogReader.EARLIEST);
    }
    SourceSerdes serdes = SourceSerdes.of(sink);
    TimestampColumn time = sinkTime(plan, sink);
    String tag = config.sourceHeaders() ? id : null;
    LogReader reader = io.reader();
    QueryRunner runner = new QueryRunner(id, reader, new SourceDecoder(plan.input(), plan.inputColumns()), log,
        context -> OperatorChain.build(plan, windowedKeys(sink, new SinkOperator(sink.topic(),
            serdes.key(), serdes.value(), plan.keyIndexes(), plan.valueIndexes(), writer, tag,
            context, log, plan.rekey().isEmpty(), time)),
            log),
        start, positions -> checkpoint(id, sink.topic(), positions), () -> false,
        config.manual() ? 0 : BARRIER_INTERVAL_MS);
    queries.put(id, new PersistentQuery(id, text, plan.input().name(), sink.name(), plan, runner,
        null));
    catalog.addReader(plan.input().name(), id);
    catalog.addWriter(sink.name(), id);
    if (!replaying && !config.manual()) {
      runner.start();
    }
  }

  /** The sink's TIMESTAMP column over the plan's output rows, or null. */
  private static TimestampColumn sinkTime(StreamPlan plan, Source sink) {
    if (sink.timestampColumn().isEmpty()) {
      return null;
    }
    String name = sink.timestampColumn().get();
    for (int i = 0; i < plan.columns().size(); i++) {
      if (plan.columns().get(i).name().equals(name)) {
        return new TimestampColumn(i, plan.columns().get(i).type(), sink.timestampFormat());
      }
    }
    return null;
  }

  /**
   * Saves a checkpoint after a barrier (at most every {@link #BARRIER_INTERVAL_MS} while records
   * flow; in test mode never: nothing restarts). At most once a second, so that a trickle of
   * input (a barrier each time the input runs dry) does not write one per record.
   */
  private void checkpoint(String id, String topic, Map<Integer, Long> positions) {
    if (config.manual()) {
      return;
    }
    long now = System.currentTimeMillis();
    Long last = lastCheckpoint.get(id);
    if (last != null && now - last < 1_000) {
      return;
    }
    lastCheckpoint.put(id, now);
    Map<Integer, Long> out = new HashMap<>();
    int partitions = io.describe(topic).map(TopicDescription::partitions).orElse(0);
    for (int p = 0; p < partitions; p++) {
      out.put(p, io.endOffset(new TopicPartition(topic, p)));
    }
    progress.save(id, new ProgressStore.Checkpoint(positions, out));
  }

  /** The plan of a CREATE ... AS SELECT: an aggregation, a query over a table, or a stream's. */
  private QueryPlan plan(CreateAsSelect stmt, ExpressionErrorListener errors,
      Map<String, String> session) {
    if (!stmt.query().groupBy().isEmpty()) {
      return planning.planAggregate(stmt.query(), errors, session);
    }
    if (stmt.kind() == SourceKind.TABLE) {
      StreamPlan plan = planning.planTable(stmt.query(), errors);
      if (!plan.overTable()) {
        throw new PlanException(stmt.pos(), "Invalid result type. Your SELECT query produces a"
            + " STREAM. Please use CREATE STREAM AS SELECT statement instead.");
      }
      return plan;
    }
    return planning.plan(stmt.query(), true, errors);
  }

  /** A table's key columns are PRIMARY KEY columns. */
  private static List<SourceColumn> sinkColumns(QueryPlan plan, SourceKind kind) {
    if (kind != SourceKind.TABLE) {
      return plan.sinkColumns();
    }
    return plan.sinkColumns().stream().map(c -> c.namespace() == Namespace.KEY
        ? SourceColumn.of(c.name(), c.type(), Namespace.PRIMARY_KEY) : c).toList();
  }

  /**
   * The sink of a windowed aggregation is a windowed table: its keys carry the window; so is the
   * sink of a query over windowed data that keeps its key (no PARTITION BY).
   */
  private static Source windowed(Source sink, QueryPlan plan) {
    if (plan instanceof StreamPlan s && s.input().window().isPresent() && s.rekey().isEmpty()) {
      return sink.toBuilder().window(s.input().window()).build();
    }
    if (plan instanceof AggregatePlan a && a.window().isPresent()) {
      AggregatePlan.TimeWindow w = a.window().get();
      WindowInfo info = w.session() ? new WindowInfo(WindowInfo.Type.SESSION, Optional.empty())
          : new WindowInfo(w.tumbling() ? WindowInfo.Type.TUMBLING : WindowInfo.Type.HOPPING,
              Optional.of(java.time.Duration.ofMillis(w.size())));
      return sink.toBuilder().window(Optional.of(info)).build();
    }
    return sink;
  }

  /** A sink writing a windowed source's topic writes each row's window into its key. */
  private static SinkOperator windowedKeys(Source sink, SinkOperator out) {
    if (sink.window().isEmpty()) {
      return out;
    }
    return out.windowed(sink.window().get());
  }

  private static void closeQuery(PersistentQuery q) {
    q.runner().close();
    if (q.resources() != null) {
      try {
        q.resources().close();
      } catch (Exception e) {
        System.getLogger(PersistentQueries.class.getName()).log(System.Logger.Level.WARNING,
            "closing query " + q.id() + ": " + e);
      }
    }
  }

  /** Steps every query until none has anything to read (test mode). */
  void runUntilIdle() {
    boolean any = true;
    while (any) {
      any = false;
      for (PersistentQuery q : list()) {
        while (q.runner().step(Duration.ZERO) > 0) {
          any = true;
        }
      }
    }
    writer.flush();
  }

  @Override
  public synchronized void close() {
    for (PersistentQuery q : queries.values()) {
      closeQuery(q);
    }
    queries.clear();
    aggregates.close();
    writer.close();
    progress.close();
  }
}

package io.sluice.engine.query;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.CatalogException;
import io.sluice.engine.catalog.DdlResult;
import io.sluice.engine.catalog.FormatName;
import io.sluice.engine.catalog.FormatSpec;
import io.sluice.engine.catalog.Namespace;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.exec.CollectOperator;
import io.sluice.engine.exec.OperatorChain;
import io.sluice.engine.exec.ProcessingLog;
import io.sluice.engine.exec.QueryRunner;
import io.sluice.engine.exec.SourceDecoder;
import io.sluice.engine.expr.ExpressionErrorListener;
import io.sluice.engine.expr.ExpressionTypeException;
import io.sluice.engine.format.FormatException;
import io.sluice.engine.format.SerdeException;
import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogReader;
import io.sluice.engine.plan.ExpressionContext;
import io.sluice.engine.plan.PlanException;
import io.sluice.engine.plan.StreamPlan;
import io.sluice.engine.plan.StreamPlanner;
import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ParsedStatement;
import io.sluice.grammar.SqlParser;
import io.sluice.grammar.SqlSyntaxException;
import io.sluice.grammar.ast.CreateAsSelect;
import io.sluice.grammar.ast.DefineVariable;
import io.sluice.grammar.ast.InsertInto;
import io.sluice.grammar.ast.InsertValues;
import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.Print;
import io.sluice.grammar.ast.Query;
import io.sluice.grammar.ast.SetProperty;
import io.sluice.grammar.ast.SourceKind;
import io.sluice.grammar.ast.Statement;
import io.sluice.grammar.ast.Terminate;
import io.sluice.grammar.ast.UndefineVariable;
import io.sluice.grammar.ast.UnsetProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The SQL engine: runs statements against a catalog kept in the log, runs persistent queries and
 * push queries over the log through a {@link LogIO}.
 *
 * <p>On {@link #open} the catalog and the persistent queries are rebuilt from the command topic;
 * each persistent query resumes where its output ends (see {@link Resume}).
 *
 * <p>Errors: every rejected statement is an {@link EngineException} whose message says what is
 * wrong and where ({@code line L:C}); nothing is changed then, and the engine keeps running.
 *
 * <p>Thread-safety: thread-safe. Statements are executed one at a time.
 */
public final class Engine implements AutoCloseable {

  private final LogIO io;
  private final EngineConfig config;
  private final FunctionRegistry functions;
  private final Catalog catalog;
  private final Planning planning;
  private final PersistentQueries persistent;
  private final InsertValuesWriter inserts;
  private final Listings listings;
  private final AtomicLong pushIds = new AtomicLong();
  private final PullQueries pulls;
  private final SourceTables sourceTables;
  private final Map<String, PushQuery> pushQueries = new ConcurrentHashMap<>();

  private Engine(LogIO io, EngineConfig config) {
    this.io = io;
    this.config = config;
    this.functions = FunctionRegistry.withBuiltIns();
    this.catalog = Catalog.create(io, config.commandTopic());
    this.planning = new Planning(catalog, new ExpressionContext(functions, catalog::type));
    this.persistent = new PersistentQueries(io, catalog, config, planning);
    this.inserts = new InsertValuesWriter(io, catalog, planning.expressions());
    this.sourceTables = new SourceTables(io, config, () -> {
      try {
        return persistent.aggregates().stateDir();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot make the state directory", e);
      }
    });
    this.pulls = new PullQueries(catalog, planning.expressions(), persistent, sourceTables);
    this.listings = new Listings(io, catalog, functions, persistent, config, this::pushQueries)
        .withPulls(pulls);
  }

  /**
   * Opens an engine over {@code io}: replays the command topic (creating it when missing) and
   * restarts the persistent queries.
   */
  public static Engine open(LogIO io, EngineConfig config) {
    Engine engine = new Engine(io, config);
    engine.catalog.replay(engine::replayed);
    engine.persistent.startAll();
    engine.sourceTables.startAll();
    return engine;
  }

  private void replayed(long offset, io.sluice.engine.catalog.Command command, Statement stmt) {
    persistent.replay(offset, command, stmt);
    sourceTablesChanged(stmt, offset, true);
  }

  /**
   * Materializes a table a CREATE (at command offset {@code offset}) made over a topic, or one a
   * CREATE TABLE ... AS SELECT without GROUP BY writes (an aggregation keeps its own state), or
   * forgets one a DROP removed.
   */
  private void sourceTablesChanged(Statement stmt, long offset, boolean replaying) {
    if (stmt instanceof io.sluice.grammar.ast.CreateSource create
        && create.kind() == SourceKind.TABLE) {
      catalog.source(create.name().value()).ifPresent(table -> sourceTables.created(table,
          SourceTables.queryId(table.name(), offset), replaying));
    } else if (stmt instanceof CreateAsSelect create && create.kind() == SourceKind.TABLE
        && create.query().groupBy().isEmpty()) {
      catalog.source(create.name().value()).filter(t -> t.queryId().isPresent())
          .ifPresent(table -> sourceTables.created(table, SourceTables.queryId(table.name(),
              table.queryId().get()), replaying));
    } else if (stmt instanceof io.sluice.grammar.ast.DropSource drop
        && drop.kind() == SourceKind.TABLE && catalog.source(drop.name().value()).isEmpty()) {
      sourceTables.dropped(drop.name().value());
    }
  }

  public Catalog catalog() {
    return catalog;
  }

  public FunctionRegistry functions() {
    return functions;
  }

  public EngineConfig config() {
    return config;
  }

  /** Problems met replaying the command log (one line per command). */
  public List<String> replayFailures() {
    return catalog.replayFailures();
  }

  /** The push queries running now, in no set order; ended ones are gone. */
  public List<PushQuery> pushQueries() {
    return List.copyOf(pushQueries.values());
  }

  /** The running persistent queries. */
  public List<PersistentQuery> queries() {
    return persistent.list();
  }

  /**
   * Parses {@code sql} (one or more statements, {@code ${var}} replaced by the session's
   * variables) and runs each in order, stopping at the first that fails.
   *
   * @throws EngineException for a syntax error or a rejected statement (earlier statements
   *     stay done)
   */
  public List<StatementResult> execute(String sql, Session session) {
    List<ParsedStatement> parsed = parse(sql, session);
    List<StatementResult> results = new ArrayList<>();
    for (ParsedStatement p : parsed) {
      results.add(execute(p, session));
    }
    return results;
  }

  /** Parses a script with the session's variables. */
  public List<ParsedStatement> parse(String sql, Session session) {
    try {
      return SqlParser.parseScript(sql, session.variables());
    } catch (SqlSyntaxException e) {
      throw new EngineException(sql, e.getMessage(), e.line(), e.column(), e);
    }
  }

  /**
   * Runs one parsed statement. A push query ({@code SELECT ... EMIT CHANGES}) is refused here;
   * use {@link #push}.
   *
   * @throws EngineException when the statement is rejected
   */
  public synchronized StatementResult execute(ParsedStatement parsed, Session session) {
    Statement stmt = parsed.statement();
    String text = parsed.text();
    try {
      if (Catalog.handles(stmt)) {
        DdlResult r = catalog.execute(stmt, text, Map.copyOf(session.properties()));
        if (r.changed() && r.offset().isPresent()) {
          sourceTablesChanged(stmt, r.offset().getAsLong(), false);
        }
        return StatementResult.status(text, r.message());
      }
      if (stmt instanceof CreateAsSelect create) {
        StatementResult r = persistent.createAsSelect(create, text,
            Map.copyOf(session.properties()));
        sourceTablesChanged(stmt, 0, false);
        return r;
      }
      if (stmt instanceof InsertInto insert) {
        return persistent.insertInto(insert, text, Map.copyOf(session.properties()));
      }
      if (stmt instanceof InsertValues values) {
        return inserts.insert(values, text);
      }
      if (stmt instanceof Terminate terminate) {
        return persistent.terminate(terminate, text);
      }
      if (stmt instanceof SetProperty set) {
        session.properties().put(set.name(), set.value());
        return StatementResult.status(text, "Successfully set property " + set.name() + " to "
            + set.value());
      }
      if (stmt instanceof UnsetProperty unset) {
        session.properties().remove(unset.name());
        return StatementResult.status(text, "Successfully unset property " + unset.name());
      }
      if (stmt instanceof DefineVariable define) {
        session.variables().put(define.name(), define.value());
        return StatementResult.status(text, "Defined variable " + define.name());
      }
      if (stmt instanceof UndefineVariable undefine) {
        session.variables().remove(undefine.name());
        return StatementResult.status(text, "Undefined variable " + undefine.name());
      }
      if (stmt instanceof Query) {
        throw new PlanException(parsed.pos(), "A push query (SELECT ... EMIT CHANGES) streams"
            + " its rows: run it through the query API (/query-stream) or the shell");
      }
      return listings.run(stmt, text, session, planning);
    } catch (CatalogException | PlanException | ExpressionTypeException | FormatException
        | IllegalArgumentException e) {
      throw rejected(text, parsed.pos(), e);
    }
  }

  /**
   * Starts a push query. Rows (the SELECT's columns, in order) go to {@code rows} on the query's
   * thread, or on the caller's in manual mode (drive it with {@link PushQuery#step()}).
   *
   * @throws EngineException when the statement is not a valid push query
   */
  public PushQuery push(ParsedStatement parsed, Session session, Consumer<List<Object>> rows) {
    if (parsed.statement() instanceof Query q && q.emit().isEmpty()) {
      throw new EngineException(parsed.text(), "A query without EMIT CHANGES is a pull query:"
          + " run it with pull(), or add EMIT CHANGES for a push query", 0, 0, null);
    }
    if (!(parsed.statement() instanceof Query query)) {
      throw new EngineException(parsed.text(), "not a query: " + parsed.text(), 0, 0, null);
    }
    try {
      if (!query.groupBy().isEmpty()) {
        return pushAggregation(parsed, query, session, rows);
      }
      String id = "transient_" + pushIds.incrementAndGet();
      ProcessingLog log = new ProcessingLog(id);
      StreamPlan plan = planning.plan(query, false, Planning.errorsTo(log));
      String reset = Planning.offsetReset(session.properties(), config);
      List<Column> columns = plan.columns().stream().map(c -> c.toColumn()).toList();
      // One collector for all tasks, so that LIMIT counts rows of every partition.
      CollectOperator collector = collector(columns.size(),
          plan.limit().isPresent() ? plan.limit().getAsInt() : -1, rows);
      QueryRunner runner = new QueryRunner(id, io.reader(),
          new SourceDecoder(plan.input(), plan.inputColumns()), log,
          context -> OperatorChain.build(plan, collector, log),
          pushStart(plan.input().partitions(), reset), QueryRunner.Progress.NONE,
          collector::done, 0);
      return register(new PushQuery(id, parsed.text(), columns, runner, reset), null, log);
    } catch (CatalogException | PlanException | ExpressionTypeException | FormatException
        | IllegalArgumentException e) {
      throw rejected(parsed.text(), parsed.pos(), e);
    }
  }

  /**
   * Starts {@code PRINT topic ...}: the topic's records as ksqlDB prints them go to {@code lines}
   * on the print's own thread (see {@link TopicPrint}).
   *
   * @throws EngineException when the statement is no PRINT or the topic does not exist
   */
  public TopicPrint print(ParsedStatement parsed, Consumer<String> lines) {
    if (!(parsed.statement() instanceof Print print)) {
      throw new EngineException(parsed.text(), "not a PRINT statement: " + parsed.text(), 0, 0,
          null);
    }
    try {
      return TopicPrint.start(io, "print_" + pushIds.incrementAndGet(), parsed.text(), print,
          lines);
    } catch (PlanException | IllegalArgumentException e) {
      throw rejected(parsed.text(), parsed.pos(), e);
    }
  }

  /**
   * Inserts one row into a stream or table, given as a JSON object of column names to values
   * (the HTTP API's {@code /inserts-stream}); like {@code INSERT INTO target (cols) VALUES (...)}
   * with the JSON format's coercions, written and flushed before it returns. Fields match column
   * names exactly or upper-cased; {@code ROWTIME} sets the record's timestamp.
   *
   * @param target the stream's or table's canonical name
   * @throws EngineException when the target or a field is unknown or a value has the wrong type
   */
  public void insertRow(String target, com.fasterxml.jackson.databind.JsonNode row) {
    try {
      inserts.insertJson(target, row);
    } catch (CatalogException | PlanException | FormatException | SerdeException
        | IllegalArgumentException e) {
      String text = "INSERT INTO " + target + " " + row;
      throw rejected(text, null, e);
    }
  }

  /**
   * Loads and compiles through the expression compiler once (Calcite's planner classes, Janino),
   * so that the first statement a user runs does not pay for it: about a second on a cold JVM.
   * Servers call it after {@link #open}, off the request path. Idempotent and thread-safe.
   */
  public void warmUp() {
    Source source = Source.builder().name("WARM_UP").kind(SourceKind.STREAM)
        .column(SourceColumn.of("S", SqlType.STRING, Namespace.VALUE))
        .column(SourceColumn.of("N", SqlType.BIGINT, Namespace.VALUE))
        .topic("warm_up").valueFormat(FormatSpec.of(FormatName.JSON)).partitions(1)
        .statement("").build();
    Query query = (Query) SqlParser.parseStatement("SELECT UCASE(S) AS U, N * 2 + 1 AS M FROM"
        + " WARM_UP WHERE N > 0 AND S <> 'x' EMIT CHANGES;");
    new StreamPlanner(name -> name.equals(source.name()) ? Optional.of(source) : Optional.empty(),
        planning.expressions(), ExpressionErrorListener.IGNORE, false).plan(query);
  }

  /** A push query with GROUP BY: every update of a group, as it happens. */
  private PushQuery pushAggregation(ParsedStatement parsed, Query query, Session session,
      Consumer<List<Object>> rows) {
    String id = "transient_" + pushIds.incrementAndGet();
    ProcessingLog log = new ProcessingLog(id);
    io.sluice.engine.plan.AggregatePlan plan = planning.planAggregate(query,
        Planning.errorsTo(log), Map.copyOf(session.properties()));
    String reset = Planning.offsetReset(session.properties(), config);
    List<Column> columns = plan.columns().stream().map(c -> c.toColumn()).toList();
    CollectOperator collector = collector(columns.size(),
        query.limit().isPresent() ? query.limit().getAsInt() : -1, rows);
    AggregateQueries.PushRun run = persistent.aggregates().push(id, plan,
        pushStart(plan.input().partitions(), reset), log, collector, collector::done);
    return register(new PushQuery(id, parsed.text(), columns, run.runner(), reset), run.state(),
        log);
  }

  /** Where a push query starts reading each input partition. */
  private static Map<Integer, Long> pushStart(int partitions, String reset) {
    Map<Integer, Long> start = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      start.put(p, reset.equals("latest") ? LogReader.LATEST : LogReader.EARLIEST);
    }
    return start;
  }

  /** The end of a push query's chain: the first {@code width} values of each row to the caller. */
  private static CollectOperator collector(int width, long limit, Consumer<List<Object>> rows) {
    return new CollectOperator(row -> {
      Object[] v = row.values();
      List<Object> out = new ArrayList<>(width);
      for (int i = 0; i < width; i++) {
        out.add(v[i]);
      }
      rows.accept(out);
    }, limit);
  }

  /**
   * Lists a push query while it runs, releases {@code resources} (may be null) when it ends, and
   * starts its thread unless the engine is caller-driven.
   */
  private PushQuery register(PushQuery push, AutoCloseable resources, ProcessingLog log) {
    pushQueries.put(push.id(), push);
    push.ended().whenComplete((v, e) -> {
      pushQueries.remove(push.id());
      if (resources != null) {
        try {
          resources.close();
        } catch (Exception x) {
          log.report("cleaning up the push query's resources: " + x);
        }
      }
    });
    if (!config.manual()) {
      push.runner().start();
    }
    return push;
  }

  /**
   * Runs a pull query ({@code SELECT ... FROM table [WHERE ...]} without EMIT) over a table an
   * aggregation materializes: rows go to {@code rows} on the query's own thread, then the query
   * ends ({@link PullQuery#ended()}).
   *
   * @throws EngineException when the statement is not a valid pull query
   */
  public PullQuery pull(ParsedStatement parsed, Session session, Consumer<List<Object>> rows) {
    PullQuery pull = preparePull(parsed, session, rows);
    pull.start();
    return pull;
  }

  /**
   * Plans a pull query without starting it: the caller runs it with {@link PullQuery#start()} (on
   * a pull-query thread) or {@link PullQuery#runHere()} (on its own), once.
   *
   * @throws EngineException when the statement is not a valid pull query
   */
  public PullQuery preparePull(ParsedStatement parsed, Session session,
      Consumer<List<Object>> rows) {
    if (!(parsed.statement() instanceof Query query) || query.emit().isPresent()) {
      throw new EngineException(parsed.text(), "not a pull query (SELECT without EMIT): "
          + parsed.text(), 0, 0, null);
    }
    try {
      return pulls.start("pull_" + pushIds.incrementAndGet(), parsed.text(), query, rows);
    } catch (CatalogException | PlanException | ExpressionTypeException | FormatException
        | IllegalArgumentException e) {
      throw rejected(parsed.text(), parsed.pos(), e);
    }
  }

  /** Steps every persistent query until none has input left (manual mode only). */
  public void runUntilIdle() {
    if (!config.manual()) {
      throw new IllegalStateException("runUntilIdle is for engines in manual mode");
    }
    persistent.runUntilIdle();
    sourceTables.runUntilIdle();
  }

  /** The source of that canonical name. */
  public Optional<Source> source(String name) {
    return catalog.source(name);
  }

  private static EngineException rejected(String text, Pos statementPos, RuntimeException e) {
    Optional<Pos> pos = e instanceof CatalogException c ? c.pos()
        : e instanceof PlanException p ? p.pos() : Optional.empty();
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e instanceof CatalogException c && pos.isPresent()) {
      message = c.getMessage();
    }
    return new EngineException(text, message, pos.map(Pos::line).orElse(0),
        pos.map(Pos::column).orElse(0), e);
  }

  /** Stops every query; the log stays open. Idempotent. */
  @Override
  public void close() {
    sourceTables.close();
    persistent.close();
    catalog.close();
  }
}

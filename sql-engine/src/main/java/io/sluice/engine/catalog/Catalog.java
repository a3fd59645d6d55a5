package io.sluice.engine.catalog;

import io.sluice.engine.log.LogException;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.TopicDescription;
import io.sluice.engine.log.UnknownTopicException;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ParsedStatement;
import io.sluice.grammar.SqlParser;
import io.sluice.grammar.ast.CreateSource;
import io.sluice.grammar.ast.CreateType;
import io.sluice.grammar.ast.DropSource;
import io.sluice.grammar.ast.DropType;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.Literal;
import io.sluice.grammar.ast.SourceKind;
import io.sluice.grammar.ast.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The registry of streams, tables and custom types, kept durable by the {@link CommandLog}.
 *
 * <p><b>Names.</b> Sources and types are looked up by canonical name, as ksqlDB does: a name
 * written unquoted is upper-cased, a quoted one is kept as written ({@link Identifier#value()}).
 * {@code orders} and {@code "ORDERS"} are one source, {@code "orders"} another.
 *
 * <p><b>Statements.</b> {@link #execute} runs {@code CREATE [OR REPLACE] [SOURCE] STREAM|TABLE}
 * (without AS SELECT), {@code DROP STREAM|TABLE}, {@code CREATE TYPE} and {@code DROP TYPE}: it
 * checks the statement ({@link DdlAnalyzer}) and the catalog's state ({@link SourceRules}),
 * creates the topic when the statement asks for one, appends the statement to the command log,
 * then changes the catalog. A statement that fails changes nothing (a topic it created stays).
 *
 * <p><b>Queries.</b> The query layer registers which persistent queries read and write each
 * source ({@link #addReader}, {@link #addWriter}, {@link #removeQuery}); a source in use cannot
 * be dropped. It registers the sources its CREATE ... AS SELECT statements make with
 * {@link #register} and logs its own statements with {@link #appendCommand}.
 *
 * <p><b>Restart.</b> {@link #open} replays the command log: catalog statements are applied again
 * (without creating or deleting topics, and without the usage checks, which held when they were
 * accepted) and every command goes to a {@link ReplayListener}.
 *
 * <p>Thread-safety: thread-safe. Statements and registrations are serialized; lookups never
 * block and see the catalog as of the last completed change.
 */
public final class Catalog implements AutoCloseable {

  private final LogIO io;
  private final CommandLog log;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<String> replayFailures = Collections.synchronizedList(new ArrayList<>());
  /** Replaced whole on every change, so that readers need no lock. */
  private volatile CatalogState state = CatalogState.EMPTY;

  private Catalog(LogIO io, String commandTopic) {
    this.io = io;
    this.log = new CommandLog(io, commandTopic);
  }

  /**
   * Opens the catalog over {@code io}: creates the command topic when missing, and replays it.
   *
   * @param listener told of every command replayed, in order (see {@link ReplayListener})
   * @return the catalog, rebuilt
   * @throws IllegalStateException when the command log cannot be read (see
   *     {@link CommandLog#replay})
   * @throws LogException when the log fails
   */
  public static Catalog open(LogIO io, ReplayListener listener) {
    Catalog catalog = create(io);
    catalog.replay(listener);
    return catalog;
  }

  /**
   * The first half of {@link #open}: an empty catalog over {@code io} (the command topic created
   * when missing), for callers whose replay listener needs the catalog itself; then call
   * {@link #replay} once.
   */
  public static Catalog create(LogIO io) {
    return create(io, CommandLog.TOPIC);
  }

  /** {@link #create(LogIO)} with the command log on another topic (one per engine service). */
  public static Catalog create(LogIO io, String commandTopic) {
    Objects.requireNonNull(io, "io");
    return new Catalog(io, commandTopic);
  }

  /**
   * The second half of {@link #open}: replays the command log into this catalog and the
   * listener. Call once, before any other use.
   */
  public void replay(ReplayListener listener) {
    Objects.requireNonNull(listener, "listener");
    log.replay(0, (offset, command) -> replayOne(offset, command, listener));
  }

  private void replayOne(long offset, Command command, ReplayListener listener) {
    Statement statement;
    try {
      statement = SqlParser.parseStatement(command.statement());
    } catch (RuntimeException e) {
      replayFailures.add("offset " + offset + ": " + e.getMessage());
      return;
    }
    try {
      if (handles(statement)) {
        apply(statement, command.statement(), command.properties(), true);
      }
      listener.onCommand(offset, command, statement);
    } catch (RuntimeException e) {
      replayFailures.add("offset " + offset + ": " + e.getMessage());
    }
  }

  /**
   * What went wrong replaying the command log in {@link #open}: one line per command that did
   * not parse or apply again, or that the listener failed on ({@code offset N: message}).
   */
  public List<String> replayFailures() {
    return List.copyOf(replayFailures);
  }

  /** Whether {@link #execute} runs this statement (the catalog's DDL). */
  public static boolean handles(Statement statement) {
    return statement instanceof CreateSource || statement instanceof DropSource
        || statement instanceof CreateType || statement instanceof DropType;
  }

  /** {@link #execute(String, Map)} without session properties. */
  public DdlResult execute(String sql) {
    return execute(sql, Map.of());
  }

  /**
   * Parses and runs one catalog statement.
   *
   * @throws io.sluice.grammar.SqlSyntaxException when the text is not one statement
   * @throws IllegalArgumentException when it is not a catalog statement ({@link #handles})
   * @throws CatalogException when the statement is rejected
   */
  public DdlResult execute(String sql, Map<String, String> sessionProperties) {
    List<ParsedStatement> parsed = SqlParser.parseScript(sql);
    if (parsed.size() != 1) {
      throw new IllegalArgumentException("expected one statement, got " + parsed.size());
    }
    ParsedStatement p = parsed.get(0);
    return execute(p.statement(), p.text(), sessionProperties);
  }

  /**
   * Runs one catalog statement (see the class doc).
   *
   * @param statement the statement
   * @param text its text (kept in the command log and as {@link Source#statement()})
   * @param sessionProperties the session properties that affect it (all are logged)
   * @throws IllegalArgumentException when it is not a catalog statement ({@link #handles})
   * @throws CatalogException when the statement is rejected; nothing changed
   * @throws LogException when the log fails (the statement may have been logged)
   */
  public DdlResult execute(Statement statement, String text,
      Map<String, String> sessionProperties) {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sessionProperties, "sessionProperties");
    if (!handles(statement)) {
      throw new IllegalArgumentException("not a catalog statement: " + text);
    }
    return apply(statement, text, sessionProperties, false);
  }

  private DdlResult apply(Statement statement, String text, Map<String, String> props,
      boolean replay) {
    lock.lock();
    try {
      Supplier<OptionalLong> logIt = () -> replay ? OptionalLong.empty()
          : OptionalLong.of(log.append(new Command(text, props)));
      if (statement instanceof CreateSource create) {
        return createSource(create, text, props, replay, logIt);
      }
      if (statement instanceof DropSource drop) {
        return dropSource(drop, replay, logIt);
      }
      if (statement instanceof CreateType create) {
        return createType(create, logIt);
      }
      return dropType((DropType) statement, logIt);
    } finally {
      lock.unlock();
    }
  }

  private DdlResult createSource(CreateSource stmt, String text, Map<String, String> props,
      boolean replay, Supplier<OptionalLong> logIt) {
    Source source = new DdlAnalyzer(this::type).analyze(stmt, text, props);
    String name = source.name();
    Source existing = state.sources().get(name);
    if (existing != null && stmt.ifNotExists()) {
      return DdlResult.unchanged(SourceRules.nameTaken(existing, stmt.kind(), name) + ".");
    }
    if (existing != null) {
      SourceRules.checkReplace(existing, source, stmt.orReplace(), stmt.name().pos());
    } else if (stmt.orReplace() && stmt.readOnly()) {
      throw new CatalogException(stmt.pos(), "Cannot add " + SourceRules.noun(stmt.kind())
          + " '" + name + "': CREATE OR REPLACE is not supported on source "
          + SourceRules.noun(stmt.kind()) + "s. Use CREATE SOURCE " + stmt.kind());
    }
    source = source.withPartitions(topic(stmt, source, replay));
    OptionalLong offset = logIt.get();
    state = state.withSource(source);
    String done = existing == null ? "created" : "replaced";
    return new DdlResult(SourceRules.title(stmt.kind()) + " " + done, true, offset);
  }

  /**
   * The topic's partition count, after checking the topic fits the statement and creating it
   * when it is missing and the statement gives PARTITIONS. Replay creates nothing and accepts
   * what there is.
   */
  private int topic(CreateSource stmt, Source source, boolean replay) {
    String topic = source.topic();
    Literal topicLiteral = stmt.properties().get(WithClause.KAFKA_TOPIC);
    int requested = source.partitions();
    Optional<TopicDescription> found = io.describe(topic);
    if (replay) {
      return found.map(TopicDescription::partitions).orElse(requested);
    }
    if (found.isPresent()) {
      int actual = found.get().partitions();
      if (requested > 0 && requested != actual) {
        throw new CatalogException(stmt.properties().get(WithClause.PARTITIONS).pos(),
            "A Kafka topic with the name '" + topic + "' already exists, with different partition"
            + " configuration than required: the statement asks for " + requested
            + " partitions, the topic has " + actual + ". Remove PARTITIONS, or set it to "
            + actual);
      }
      return actual;
    }
    if (requested == 0) {
      String kind = SourceRules.noun(stmt.kind());
      throw new CatalogException(topicLiteral.pos(), "Topic '" + topic + "' does not exist. If"
          + " you want to create a new topic for the " + kind + " please re-run the statement"
          + " providing the required 'PARTITIONS' configuration in the WITH clause (and"
          + " optionally 'REPLICAS'). For example: CREATE " + stmt.kind() + " "
          + stmt.name().value() + " (...) WITH (KAFKA_TOPIC='" + topic + "', PARTITIONS=2,"
          + " REPLICAS=1, ...)");
    }
    Map<String, String> configs = new HashMap<>();
    Literal retention = stmt.properties().get(WithClause.RETENTION_MS);
    if (retention != null) {
      configs.put("retention.ms", String.valueOf(retention.asObject()));
    }
    try {
      return io.createTopic(topic, requested, configs).partitions();
    } catch (IllegalArgumentException | LogException e) {
      // an invalid name or config, or a topic made meanwhile with another partition count
      throw new CatalogException(topicLiteral.pos(), "Cannot create topic '" + topic + "': "
          + e.getMessage(), e);
    }
  }

  private DdlResult dropSource(DropSource stmt, boolean replay, Supplier<OptionalLong> logIt) {
    String name = stmt.name().value();
    Source source = state.sources().get(name);
    if (source == null) {
      String missing = SourceRules.title(stmt.kind()) + " " + name + " does not exist.";
      if (stmt.ifExists()) {
        return DdlResult.unchanged(missing);
      }
      throw new CatalogException(stmt.name().pos(), missing + caseHint(name));
    }
    SourceRules.checkDrop(source, stmt.kind(), stmt.deleteTopic(), state.readers(name),
        state.writers(name), state.sources().values(), !replay, stmt.name().pos());
    OptionalLong offset = logIt.get();
    state = state.withoutSource(name);
    if (stmt.deleteTopic() && !replay) {
      try {
        io.deleteTopic(source.topic());
      } catch (UnknownTopicException e) {
        // already gone: what DELETE TOPIC wants
      }
    }
    return new DdlResult("Source `" + name + "` (topic: " + source.topic() + ") was dropped.",
        true, offset);
  }

  private DdlResult createType(CreateType stmt, Supplier<OptionalLong> logIt) {
    String name = stmt.name().value();
    SqlType existing = state.types().get(name);
    if (existing != null) {
      String taken = "Cannot register custom type '" + name + "' since it is already registered"
          + " with type: " + AstTypes.display(existing);
      if (stmt.ifNotExists()) {
        return DdlResult.unchanged(taken);
      }
      throw new CatalogException(stmt.name().pos(), taken + ". DROP TYPE " + name + " first, or"
          + " use CREATE TYPE IF NOT EXISTS");
    }
    SqlType type = new DdlAnalyzer(this::type).analyze(stmt);
    OptionalLong offset = logIt.get();
    state = state.withType(name, type);
    return new DdlResult("Registered custom type with name '" + name + "' and SQL type "
        + AstTypes.display(type), true, offset);
  }

  private DdlResult dropType(DropType stmt, Supplier<OptionalLong> logIt) {
    String name = stmt.name().value();
    if (!state.types().containsKey(name)) {
      String missing = "Type " + name + " does not exist.";
      if (stmt.ifExists()) {
        return DdlResult.unchanged(missing);
      }
      throw new CatalogException(stmt.name().pos(), missing);
    }
    OptionalLong offset = logIt.get();
    state = state.withoutType(name);
    // Sources keep the resolved type: a custom type is an alias, expanded when used.
    return new DdlResult("Dropped type '" + name + "'", true, offset);
  }

  /** ksqlDB's hint when a quoted name would exist upper-cased. */
  private String caseHint(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (!upper.equals(name) && state.sources().containsKey(upper)) {
      return " Did you mean " + upper + "? Hint: try removing double quotes from the source name.";
    }
    return "";
  }

  // ---------------------------------------------------------------------------------------------
  // Lookups

  /** The source of that canonical name. */
  public Optional<Source> source(String name) {
    return Optional.ofNullable(state.sources().get(name));
  }

  /** The source an identifier names ({@link Identifier#value()} is canonical). */
  public Optional<Source> source(Identifier name) {
    return source(name.value());
  }

  /** Every source, by name. */
  public List<Source> sources() {
    return state.sources().values().stream()
        .sorted(Comparator.comparing(Source::name)).toList();
  }

  /** {@code SHOW STREAMS} or {@code SHOW TABLES}: the sources of that kind, by name. */
  public List<SourceSummary> list(SourceKind kind) {
    return sources().stream().filter(s -> s.kind() == kind).map(SourceSummary::of).toList();
  }

  /** The custom type of that canonical name. */
  public Optional<SqlType> type(String name) {
    return Optional.ofNullable(state.types().get(name));
  }

  /** Every custom type, by name (sorted). */
  public Map<String, SqlType> types() {
    return new TreeMap<>(state.types());
  }

  // ---------------------------------------------------------------------------------------------
  // For the query layer

  /**
   * Appends a statement the query layer accepted (CREATE ... AS SELECT, INSERT INTO, TERMINATE)
   * to the command log, in order with the catalog's own statements.
   *
   * @return its offset
   * @throws LogException when the write fails
   */
  public long appendCommand(Command command) {
    lock.lock();
    try {
      return log.append(command);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Registers a source a query makes (CREATE ... AS SELECT), with the name rules of a CREATE:
   * a name in use needs {@code orReplace}, and then the rules of {@link SourceRules#checkReplace}
   * hold except that a source written by a query may be replaced.
   *
   * @throws CatalogException when the name is taken and may not be replaced
   */
  public void register(Source source, boolean orReplace) {
    Objects.requireNonNull(source, "source");
    lock.lock();
    try {
      Source existing = state.sources().get(source.name());
      if (existing != null) {
        Source comparable = existing.toBuilder().queryId(Optional.empty()).build();
        SourceRules.checkReplace(comparable, source, orReplace, null);
      }
      state = state.withSource(source);
    } finally {
      lock.unlock();
    }
  }

  /** Records that query {@code queryId} reads {@code source}. */
  public void addReader(String source, String queryId) {
    usage(source, queryId, true);
  }

  /** Records that query {@code queryId} writes {@code source}. */
  public void addWriter(String source, String queryId) {
    usage(source, queryId, false);
  }

  private void usage(String source, String queryId, boolean reader) {
    Objects.requireNonNull(queryId, "queryId");
    lock.lock();
    try {
      if (!state.sources().containsKey(source)) {
        throw new CatalogException("Source " + source + " does not exist." + caseHint(source));
      }
      state = state.withUsage(source, queryId, reader);
    } finally {
      lock.unlock();
    }
  }

  /** Forgets query {@code queryId} as a reader and writer of every source (it terminated). */
  public void removeQuery(String queryId) {
    lock.lock();
    try {
      state = state.withoutQuery(queryId);
    } finally {
      lock.unlock();
    }
  }

  /** The queries reading {@code source}. */
  public Set<String> readers(String source) {
    return state.readers(source);
  }

  /** The queries writing {@code source}. */
  public Set<String> writers(String source) {
    return state.writers(source);
  }

  /** Closes the command log's writer; the {@link LogIO} stays open. Idempotent. */
  @Override
  public void close() {
    log.close();
  }
}

package io.sluice.engine.query;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.plan.PlanException;
import io.sluice.engine.plan.StreamPlan;
import io.sluice.grammar.ast.CreateAsSelect;
import io.sluice.grammar.ast.DescribeFunction;
import io.sluice.grammar.ast.DescribeSource;
import io.sluice.grammar.ast.DescribeSources;
import io.sluice.grammar.ast.Explain;
import io.sluice.grammar.ast.ExplainQueryId;
import io.sluice.grammar.ast.InsertInto;
import io.sluice.grammar.ast.Print;
import io.sluice.grammar.ast.Query;
import io.sluice.grammar.ast.Show;
import io.sluice.grammar.ast.SourceKind;
import io.sluice.grammar.ast.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The statements that only read: SHOW/LIST, DESCRIBE, DESCRIBE FUNCTION, EXPLAIN. Their results
 * are tables shaped as ksqlDB's entities. Thread-safe.
 */
final class Listings {

  private final LogIO io;
  private final Catalog catalog;
  private final FunctionRegistry functions;
  private final PersistentQueries queries;
  private final EngineConfig config;
  private final Supplier<List<PushQuery>> pushQueries;

  private PullQueries pulls;

  /** Lets EXPLAIN describe pull queries (how they read their table). */
  Listings withPulls(PullQueries pullQueries) {
    this.pulls = pullQueries;
    return this;
  }

  Listings(LogIO io, Catalog catalog, FunctionRegistry functions, PersistentQueries queries,
      EngineConfig config, Supplier<List<PushQuery>> pushQueries) {
    this.pushQueries = pushQueries;
    this.io = io;
    this.catalog = catalog;
    this.functions = functions;
    this.queries = queries;
    this.config = config;
  }

  StatementResult run(Statement stmt, String text, Session session, Planning planning) {
    if (stmt instanceof Show show) {
      return show(show, text, session);
    }
    if (stmt instanceof DescribeSource describe) {
      Source s = catalog.source(describe.name().value()).orElseThrow(() -> new PlanException(
          describe.name().pos(), "Could not find STREAM/TABLE '" + describe.name().value()
              + "' in the catalog. SHOW STREAMS and SHOW TABLES list them."));
      return describe(s, text, describe.extended());
    }
    if (stmt instanceof DescribeSources all) {
      List<List<Object>> rows = new ArrayList<>();
      for (Source s : catalog.sources()) {
        if (s.kind() == all.kind()) {
          rows.add(List.of(s.name(), s.kind().name(), s.topic(), s.schemaText()));
        }
      }
      return StatementResult.table(text, "source_descriptions", rows.size() + " sources",
          List.of("Name", "Type", "Topic", "Schema"), rows);
    }
    if (stmt instanceof DescribeFunction f) {
      return FunctionListing.describe(functions, f, text);
    }
    if (stmt instanceof ExplainQueryId explain) {
      String id = explain.queryId().value().toUpperCase(Locale.ROOT);
      PersistentQuery q = queries.get(id).orElseThrow(() -> new PlanException(
          explain.queryId().pos(), "Query with id:" + id + " does not exist, use SHOW QUERIES to"
              + " view the full set of queries."));
      return explained(text, q.statementText(), q.plan());
    }
    if (stmt instanceof Explain explain) {
      Query query = explain.statement() instanceof Query q ? q
          : explain.statement() instanceof CreateAsSelect c ? c.query()
          : explain.statement() instanceof InsertInto i ? i.query() : null;
      if (query == null) {
        throw new PlanException(explain.pos(), "EXPLAIN takes a query, a CREATE ... AS SELECT or"
            + " an INSERT INTO ... SELECT, or a query id");
      }
      if (explain.statement() instanceof Query q && q.emit().isEmpty() && pulls != null) {
        return StatementResult.table(text, "queryDescription", text, List.of("Execution plan"),
            List.of(List.of(pulls.explain(q))));
      }
      return explained(text, text, planning.plan(query, !(explain.statement() instanceof Query)));
    }
    if (stmt instanceof Print print) {
      throw new PlanException(print.pos(), "PRINT streams a topic's records: run it through the"
          + " query API (/query-stream) or the shell");
    }
    throw new PlanException(null, "Unsupported statement: " + text);
  }

  private StatementResult show(Show show, String text, Session session) {
    switch (show.what()) {
      case STREAMS, TABLES -> {
        SourceKind kind = show.what() == Show.What.STREAMS ? SourceKind.STREAM : SourceKind.TABLE;
        List<List<Object>> rows = new ArrayList<>();
        for (Source s : catalog.sources()) {
          if (s.kind() == kind) {
            rows.add(List.of(s.name(), s.topic(), s.keyFormat().format().name(),
                s.valueFormat().format().name(), s.isWindowed()));
          }
        }
        String what = kind == SourceKind.STREAM ? "streams" : "tables";
        return StatementResult.table(text, what, rows.size() + " " + what,
            List.of(kind == SourceKind.STREAM ? "Stream Name" : "Table Name", "Kafka Topic",
                "Key Format", "Value Format", "Windowed"), rows);
      }
      case TOPICS -> {
        List<List<Object>> rows = new ArrayList<>();
        for (String topic : io.listTopics()) {
          if (!show.all() && topic.startsWith("_")) {
            continue;
          }
          rows.add(List.of(topic, io.describe(topic).map(t -> t.partitions()).orElse(0)));
        }
        return StatementResult.table(text, "kafka_topics", rows.size() + " topics",
            List.of("Kafka Topic", "Partitions"), rows);
      }
      case QUERIES -> {
        List<List<Object>> rows = new ArrayList<>();
        for (PersistentQuery q : queries.list()) {
          rows.add(List.of(q.id(), q.runner().state().name(), q.sink(), q.statementText(),
              "PERSISTENT"));
        }
        // push queries have no sink; ksqlDB lists them too, as PUSH queries
        for (PushQuery q : pushQueries.get()) {
          if (!q.isDone()) {
            rows.add(List.of(q.id(), q.state(), "", q.statementText(), "PUSH"));
          }
        }
        return StatementResult.table(text, "queries", rows.size() + " queries",
            List.of("Query ID", "Status", "Sink Name", "Query String", "Query Type"), rows);
      }
      case FUNCTIONS -> {
        return FunctionListing.show(functions, text);
      }
      case PROPERTIES -> {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of(Planning.OFFSET_RESET, session.properties().getOrDefault(
            Planning.OFFSET_RESET, config.defaultOffsetReset()), "SESSION"));
        for (Map.Entry<String, String> e : session.properties().entrySet()) {
          if (!e.getKey().equals(Planning.OFFSET_RESET)) {
            rows.add(List.of(e.getKey(), e.getValue(), "SESSION"));
          }
        }
        return StatementResult.table(text, "properties", rows.size() + " properties",
            List.of("Property", "Value", "Scope"), rows);
      }
      case VARIABLES -> {
        List<List<Object>> rows = new ArrayList<>();
        session.variables().forEach((k, v) -> rows.add(List.of(k, v)));
        return StatementResult.table(text, "variables", rows.size() + " variables",
            List.of("Variable Name", "Value"), rows);
      }
      case TYPES -> {
        List<List<Object>> rows = new ArrayList<>();
        catalog.types().forEach((k, v) -> rows.add(List.of(k, v.toString())));
        return StatementResult.table(text, "type_list", rows.size() + " types",
            List.of("Type Name", "Schema"), rows);
      }
      default -> throw new PlanException(show.pos(), "Unknown SHOW target " + show.what());
    }
  }

  private StatementResult describe(Source s, String text, boolean extended) {
    List<List<Object>> rows = new ArrayList<>();
    for (SourceColumn c : s.columns()) {
      String extra = switch (c.namespace()) {
        case KEY -> "(key)";
        case PRIMARY_KEY -> "(primary key)";
        case HEADERS -> "(headers)";
        case HEADER -> "(header('" + c.headerKey().orElse("") + "'))";
        default -> "";
      };
      rows.add(List.of(c.name(), c.type().toString(), extra));
    }
    String message = s.kind() + " " + s.name() + ": topic " + s.topic() + ", key format "
        + s.keyFormat().format() + ", value format " + s.valueFormat().format()
        + (extended ? ", " + s.partitions() + " partitions"
            + s.timestampColumn().map(t -> ", timestamp column " + t).orElse("")
            + ", readers " + catalog.readers(s.name()) + ", writers " + catalog.writers(s.name())
            : "");
    return StatementResult.table(text, "sourceDescription", message,
        List.of("Field", "Type", ""), rows);
  }

  private static StatementResult explained(String text, String statement,
      io.sluice.engine.plan.QueryPlan plan) {
    List<List<Object>> rows = new ArrayList<>();
    for (String line : plan.describe().split("\n")) {
      rows.add(List.of(line));
    }
    return StatementResult.table(text, "queryDescription", statement, List.of("Execution plan"),
        rows);
  }
}

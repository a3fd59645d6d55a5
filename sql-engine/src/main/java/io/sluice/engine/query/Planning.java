package io.sluice.engine.query;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.exec.ProcessingLog;
import io.sluice.engine.expr.ExpressionErrorListener;
import io.sluice.engine.plan.AggregatePlan;
import io.sluice.engine.plan.AggregatePlanner;
import io.sluice.engine.plan.ExpressionContext;
import io.sluice.engine.plan.StreamPlan;
import io.sluice.engine.plan.StreamPlanner;
import io.sluice.grammar.ast.Query;
import java.util.Locale;
import java.util.Map;

/** Plans queries against the engine's catalog and function registry. Thread-safe. */
final class Planning {

  /** Session property: where a new query starts reading (ksqlDB's name and Kafka's). */
  static final String OFFSET_RESET = "auto.offset.reset";
  static final String KSQL_OFFSET_RESET = "ksql.streams.auto.offset.reset";

  private final Catalog catalog;
  private final ExpressionContext expressions;

  Planning(Catalog catalog, ExpressionContext expressions) {
    this.catalog = catalog;
    this.expressions = expressions;
  }

  ExpressionContext expressions() {
    return expressions;
  }

  /**
   * Plans a query.
   *
   * @param persistent whether the output goes to a topic (CSAS, INSERT INTO), where ksqlDB's
   *     rules on key and value columns hold
   */
  StreamPlan plan(Query query, boolean persistent) {
    return plan(query, persistent, ExpressionErrorListener.IGNORE);
  }

  StreamPlan plan(Query query, boolean persistent, ExpressionErrorListener errors) {
    return new StreamPlanner(catalog::source, expressions, errors, persistent).plan(query);
  }

  /** Plans CREATE TABLE ... AS SELECT without GROUP BY: a query over a table's changes. */
  StreamPlan planTable(Query query, ExpressionErrorListener errors) {
    return new StreamPlanner(catalog::source, expressions, errors, true).allowTables()
        .plan(query);
  }

  /** Plans an aggregation (GROUP BY) for CREATE TABLE ... AS SELECT. */
  AggregatePlan planAggregate(Query query, ExpressionErrorListener errors,
      Map<String, String> session) {
    return new AggregatePlanner(catalog::source, expressions, errors, session).plan(query);
  }

  /** An error listener reporting to a query's processing log. */
  static ExpressionErrorListener errorsTo(ProcessingLog log) {
    return (index, expression, row, error) -> log.report("expression " + expression
        + " failed: " + error);
  }

  /** {@code earliest} or {@code latest}, from the session or the engine's default. */
  static String offsetReset(Map<String, String> session, EngineConfig config) {
    String v = session.getOrDefault(OFFSET_RESET, session.get(KSQL_OFFSET_RESET));
    if (v == null) {
      return config.defaultOffsetReset();
    }
    String lower = v.trim().toLowerCase(Locale.ROOT);
    if (!lower.equals("earliest") && !lower.equals("latest")) {
      throw new IllegalArgumentException("auto.offset.reset must be 'earliest' or 'latest', not '"
          + v + "'");
    }
    return lower;
  }
}

package io.sluice.engine.query;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.Namespace;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.engine.exec.SourceSerdes;
import io.sluice.engine.format.JsonValues;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.OutRecord;
import io.sluice.engine.plan.ExpressionContext;
import io.sluice.engine.plan.PlanException;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.InsertValues;
import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.SourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code INSERT INTO s [(cols)] VALUES (...)}: one record, written and flushed before the
 * statement returns. Without a column list the values are for the source's key and value
 * columns in declaration order. {@code ROWTIME} may be given (the record's timestamp, else the
 * current time); columns left out are NULL. Thread-safe.
 */
final class InsertValuesWriter {

  private final LogIO io;
  private final Catalog catalog;
  private final ExpressionContext expressions;

  InsertValuesWriter(LogIO io, Catalog catalog, ExpressionContext expressions) {
    this.io = io;
    this.catalog = catalog;
    this.expressions = expressions;
  }

  StatementResult insert(InsertValues stmt, String text) {
    Source target = target(stmt.target().value(), stmt.target().pos());
    List<String> names = new ArrayList<>();
    if (stmt.columns().isEmpty()) {
      for (SourceColumn c : target.columns()) {
        if (c.namespace() != Namespace.HEADER && c.namespace() != Namespace.HEADERS) {
          names.add(c.name());
        }
      }
    } else {
      for (Identifier id : stmt.columns()) {
        names.add(id.value());
      }
    }
    if (names.size() != stmt.values().size()) {
      throw new PlanException(stmt.pos(), "Expected a value for each column. Expected Columns: "
          + names + ". Got " + stmt.values().size() + " values");
    }
    List<SqlType> types = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name.equals("ROWTIME")) {
        types.add(SqlType.BIGINT);
        continue;
      }
      SourceColumn c = target.column(name).orElseThrow(() -> new PlanException(
          stmt.pos(), "Column name " + name + " does not exist in " + target.name()));
      if (c.namespace() == Namespace.HEADER || c.namespace() == Namespace.HEADERS) {
        throw new PlanException(stmt.pos(), "Cannot insert into HEADER columns: " + name);
      }
      types.add(c.type());
    }
    Object[] values = expressions.constants(stmt.values(), types, names);
    Map<String, Object> byName = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      byName.put(names.get(i), values[i]);
    }
    write(target, byName);
    return StatementResult.status(text, "Inserted 1 row into " + target.name());
  }

  /** The source values may be inserted into, by canonical name. */
  Source target(String name, Pos pos) {
    Source target = catalog.source(name).orElseThrow(() -> new PlanException(pos,
        "Cannot insert values into an unknown stream/table: " + name));
    if (target.isReadOnly()) {
      throw new PlanException(pos, "Cannot insert values into read-only "
          + target.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + target.name());
    }
    if (target.queryId().isPresent() && target.kind() == SourceKind.TABLE) {
      throw new PlanException(pos, "Cannot insert values into a table written by a query: "
          + target.name());
    }
    return target;
  }

  /**
   * Inserts a row given as JSON fields (the HTTP API's {@code /inserts-stream}): each field names
   * a key or value column, or ROWTIME, exactly or case-insensitively (an unquoted name is
   * upper-case); missing columns are NULL. Values take the JSON format's coercions.
   *
   * @throws PlanException for an unknown target or field, or a value of the wrong type
   */
  void insertJson(String targetName, JsonNode row) {
    Source target = target(targetName, null);
    if (!row.isObject()) {
      throw new PlanException(null, "A row must be a JSON object of column names to values");
    }
    Map<String, Object> byName = new HashMap<>();
    for (Map.Entry<String, JsonNode> field : row.properties()) {
      String name = field.getKey();
      if (name.equalsIgnoreCase("ROWTIME")) {
        Object v = JsonValues.read(SqlType.BIGINT, field.getValue());
        byName.put("ROWTIME", v);
        continue;
      }
      SourceColumn c = target.column(name)
          .or(() -> target.column(name.toUpperCase(java.util.Locale.ROOT)))
          .orElseThrow(() -> new PlanException(null, "Column " + name + " does not exist in "
              + target.name()));
      if (c.namespace() == Namespace.HEADER || c.namespace() == Namespace.HEADERS) {
        throw new PlanException(null, "Cannot insert into HEADER columns: " + c.name());
      }
      try {
        byName.put(c.name(), JsonValues.read(c.type(), field.getValue()));
      } catch (IllegalArgumentException e) {
        throw new PlanException(null, "Column " + c.name() + " (" + c.type() + "): "
            + e.getMessage());
      }
    }
    write(target, byName);
  }

  /** Serializes and appends one record of the named values, flushed before it returns. */
  private void write(Source target, Map<String, Object> byName) {
    SourceSerdes serdes = SourceSerdes.of(target);
    Object[] key = target.keyColumns().stream().map(c -> byName.get(c.name())).toArray();
    Object[] value = target.valueColumns().stream().map(c -> byName.get(c.name())).toArray();
    boolean anyKey = target.keyColumns().stream().anyMatch(c -> byName.get(c.name()) != null);
    byte[] keyBytes = target.keyColumns().isEmpty() || !anyKey ? null
        : serdes.key().serialize(key);
    byte[] valueBytes = serdes.value().serialize(value);
    Object rowtime = byName.get("ROWTIME");
    long timestamp = rowtime == null ? System.currentTimeMillis() : ((Number) rowtime).longValue();
    try (LogWriter writer = io.writer()) {
      writer.append(new OutRecord(target.topic(), OutRecord.ANY_PARTITION, keyBytes, valueBytes,
          timestamp, List.of()));
    }
  }
}

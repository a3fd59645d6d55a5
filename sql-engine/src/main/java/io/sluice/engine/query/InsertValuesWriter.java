package io.sluice.engine.query;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.Namespace;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.exec.SourceSerdes;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.OutRecord;
import io.sluice.engine.plan.ExpressionContext;
import io.sluice.engine.plan.PlanException;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.InsertValues;
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
    Source target = catalog.source(stmt.target().value()).orElseThrow(() -> new PlanException(
        stmt.target().pos(), "Cannot insert values into an unknown stream/table: "
            + stmt.target().value()));
    if (target.isReadOnly()) {
      throw new PlanException(stmt.target().pos(), "Cannot insert values into read-only "
          + target.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + target.name());
    }
    if (target.queryId().isPresent() && target.kind() == SourceKind.TABLE) {
      throw new PlanException(stmt.target().pos(), "Cannot insert values into a table written"
          + " by a query: " + target.name());
    }
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
    return StatementResult.status(text, "Inserted 1 row into " + target.name());
  }
}

package io.sluice.engine.expr;

import io.sluice.engine.function.FunctionRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.catalog.AstTypes;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SluiceTypeSystem;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.SqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * SQL text to value: parses an expression, translates it with {@link AstExpressions} over {@link
 * #SCHEMA} (source {@code T}, alias {@code S}), compiles and evaluates it.
 */
class AstFixture {

  static final RowSchema SCHEMA = RowSchema.builder()
      .column("I", SqlType.INTEGER)
      .column("L", SqlType.BIGINT)
      .column("D", SqlType.DOUBLE)
      .column("DEC", SqlType.decimal(4, 2))
      .column("STR", SqlType.STRING)
      .column("B", SqlType.BOOLEAN)
      .column("NUMS", SqlType.array(SqlType.INTEGER))
      .column("WORDS", SqlType.array(SqlType.STRING))
      .column("M", SqlType.map(SqlType.STRING, SqlType.INTEGER))
      .column("MA", SqlType.map(SqlType.STRING, SqlType.array(SqlType.INTEGER)))
      .column("ADDR", ExpressionFixture.ADDRESS)
      .column("TS", SqlType.TIMESTAMP)
      .column("X", SqlType.INTEGER)
      .column("NESTED", SqlType.array(SqlType.array(SqlType.INTEGER)))
      .build();

  final RexBuilder rexBuilder = SluiceTypeSystem.newRexBuilder();
  final FunctionRegistry functions = FunctionRegistry.withBuiltIns();
  final ExpressionBuilder builder = new ExpressionBuilder(rexBuilder, SCHEMA, functions);
  final AstExpressions ast = new AstExpressions(builder,
      new RowSchemaScope(SCHEMA, Set.of("T", "S")),
      t -> AstTypes.toSqlType(t, name -> Optional.empty()));
  final List<String> errors = new ArrayList<>();

  /** A row with the named columns set: {@code row("I", 1, "STR", "x")}. */
  static Object[] row(Object... nameValues) {
    Object[] row = new Object[SCHEMA.size()];
    for (int i = 0; i < nameValues.length; i += 2) {
      int index = SCHEMA.indexOf((String) nameValues[i]);
      if (index < 0) {
        throw new IllegalArgumentException("no column " + nameValues[i]);
      }
      row[index] = nameValues[i + 1];
    }
    return row;
  }

  RexNode translate(String sql) {
    return ast.translate(SqlParser.parseExpression(sql));
  }

  Evaluator compile(String sql) {
    return CompiledExpressions.compile(rexBuilder, List.of(translate(sql)), null, SCHEMA,
        (i, e, row, err) -> errors.add(err.toString()));
  }

  /** The value of {@code sql} for a row with the named columns set. */
  Object eval(String sql, Object... nameValues) {
    return compile(sql).evaluate(row(nameValues))[0];
  }

  /** Whether {@code sql} holds as a WHERE condition for the row. */
  boolean test(String sql, Object... nameValues) {
    return CompiledExpressions.compile(rexBuilder, List.of(), translate(sql), SCHEMA)
        .test(row(nameValues));
  }

  SqlType type(String sql) {
    return builder.typeOf(translate(sql));
  }

  /** Asserts that translating {@code sql} fails at {@code line:col} with {@code reason}. */
  ExpressionTypeException fails(String sql, String position, String reason) {
    ExpressionTypeException e = assertThrows(ExpressionTypeException.class,
        () -> translate(sql));
    assertEquals(position, e.pos().map(Object::toString).orElse("none"), e.getMessage());
    assertTrue(e.reason().contains(reason), () -> "expected '" + reason + "' in: "
        + e.getMessage());
    assertEquals("line " + position + ": " + e.reason(), e.getMessage());
    return e;
  }
}

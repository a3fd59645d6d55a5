package io.sluice.engine.expr;

import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SluiceTypeSystem;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/** A wide input row and helpers to compile and evaluate expressions over it. */
class ExpressionFixture {

  static final SqlStruct ADDRESS = SqlType.struct()
      .field("STREET", SqlType.STRING).field("NUMBER", SqlType.INTEGER).build();

  static final RowSchema SCHEMA = RowSchema.builder()
      .column("I", SqlType.INTEGER)            // 0
      .column("I2", SqlType.INTEGER)           // 1
      .column("L", SqlType.BIGINT)             // 2
      .column("D", SqlType.DOUBLE)             // 3
      .column("DEC", SqlType.decimal(4, 2))    // 4
      .column("DEC2", SqlType.decimal(4, 2))   // 5
      .column("S", SqlType.STRING)             // 6
      .column("BOOL", SqlType.BOOLEAN)         // 7
      .column("ARR", SqlType.array(SqlType.STRING))                    // 8
      .column("M", SqlType.map(SqlType.STRING, SqlType.INTEGER))       // 9
      .column("ADDR", ADDRESS)                 // 10
      .column("TS", SqlType.TIMESTAMP)         // 11
      .column("DT", SqlType.DATE)              // 12
      .column("TM", SqlType.TIME)              // 13
      .column("BYT", SqlType.BYTES)            // 14
      .column("NUMS", SqlType.array(SqlType.INTEGER))                  // 15
      .build();

  final RexBuilder rexBuilder = SluiceTypeSystem.newRexBuilder();
  final ExpressionBuilder x =
      new ExpressionBuilder(rexBuilder, SCHEMA, FunctionRegistry.withBuiltIns());
  final List<String> errors = new ArrayList<>();

  /** A row with all columns null. */
  static Object[] emptyRow() {
    return new Object[SCHEMA.size()];
  }

  /** A row with the named columns set: {@code row("I", 1, "S", "x")}. */
  static Object[] row(Object... nameValues) {
    Object[] row = emptyRow();
    for (int i = 0; i < nameValues.length; i += 2) {
      int index = SCHEMA.indexOf((String) nameValues[i]);
      if (index < 0) {
        throw new IllegalArgumentException("no column " + nameValues[i]);
      }
      row[index] = nameValues[i + 1];
    }
    return row;
  }

  static Struct address(String street, Integer number) {
    return Struct.of(ADDRESS, street, number);
  }

  RexNode col(String name) {
    return x.column(name);
  }

  Evaluator compile(RexNode... projections) {
    return CompiledExpressions.compile(rexBuilder, List.of(projections), null, SCHEMA,
        (i, e, row, err) -> errors.add(i + ": " + err));
  }

  Evaluator compileFilter(RexNode condition) {
    return CompiledExpressions.compile(rexBuilder, List.of(), condition, SCHEMA,
        (i, e, row, err) -> errors.add(i + ": " + err));
  }

  /** Value of {@code e} for {@code row}. */
  Object eval(RexNode e, Object[] row) {
    return compile(e).evaluate(row)[0];
  }

  /** Value of a constant (or column-free) expression. */
  Object eval(RexNode e) {
    return eval(e, emptyRow());
  }

  /** ksqlDB type of {@code e} after compilation. */
  SqlType typeOf(RexNode e) {
    return compile(e).outputTypes().get(0);
  }
}

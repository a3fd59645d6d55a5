package io.sluice.engine.expr;

import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.types.Column;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Builds Calcite {@link RexNode}s for ksqlDB's expression forms over an input row, with ksqlDB's
 * typing: it validates operand types, inserts ksqlDB's implicit conversions, derives result types
 * (through Calcite and {@link io.sluice.engine.types.SluiceTypeSystem}) and chooses, per form,
 * Calcite's standard operator where its semantics are ksqlDB's and a {@link KsqlOperators}
 * operator where they are not. The planner translates the AST through this class; the result goes
 * to {@link CompiledExpressions}.
 *
 * <p>ksqlDB semantics encoded here (beyond Calcite's):
 *
 * <ul>
 *   <li>A comparison with a null operand is FALSE, not NULL ({@code IS TRUE(a = b)}); so are IN
 *       and BETWEEN. IS [NOT] DISTINCT FROM is null-safe. AND, OR, NOT on null BOOLEAN values use
 *       SQL's three-valued logic.
 *   <li>Arithmetic widens INTEGER to BIGINT, anything with DOUBLE to DOUBLE (DECIMAL included),
 *       INTEGER/BIGINT with DECIMAL to DECIMAL; integer division truncates; DECIMAL result types
 *       follow ksqlDB's rules; {@code STRING + STRING} is Java concatenation.
 *   <li>{@code a || b} is {@code CONCAT(a, b)}, which skips nulls.
 *   <li>Array subscripts are 1-based, negative from the end, null out of range.
 *   <li>CAST uses ksqlDB's conversions ({@link KsqlRuntime}): {@code 'true'} not {@code 'TRUE'},
 *       {@code Double.toString}, plain DECIMAL text, truncating numeric narrowing, HALF_UP
 *       rounding to a DECIMAL's scale.
 * </ul>
 *
 * <p>This class is the public entry point and handles function calls itself; the forms are built
 * by package-private helpers split by capability: {@link LeafExpressions} (columns, literals,
 * CAST and implicit conversions), {@link OperatorExpressions} (arithmetic, comparison, logic) and
 * {@link CompositeExpressions} (structured values, IN, BETWEEN, LIKE, CASE).
 *
 * <p>Not thread-safe (the RexBuilder's type factory is not).
 */
public final class ExpressionBuilder {

  /** Comparison operators. */
  public enum Comparison {
    EQUAL(SqlStdOperatorTable.EQUALS),
    NOT_EQUAL(SqlStdOperatorTable.NOT_EQUALS),
    LESS_THAN(SqlStdOperatorTable.LESS_THAN),
    LESS_THAN_OR_EQUAL(SqlStdOperatorTable.LESS_THAN_OR_EQUAL),
    GREATER_THAN(SqlStdOperatorTable.GREATER_THAN),
    GREATER_THAN_OR_EQUAL(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL);

    final SqlOperator op;

    Comparison(SqlOperator op) {
      this.op = op;
    }
  }

  /** Arithmetic operators. */
  public enum Arithmetic {
    ADD(SqlStdOperatorTable.PLUS),
    SUBTRACT(SqlStdOperatorTable.MINUS),
    MULTIPLY(SqlStdOperatorTable.MULTIPLY),
    DIVIDE(SqlStdOperatorTable.DIVIDE),
    MODULUS(SqlStdOperatorTable.MOD);

    final SqlOperator op;

    Arithmetic(SqlOperator op) {
      this.op = op;
    }
  }

  private final RexBuilder rexBuilder;
  private final RowSchema input;
  private final FunctionRegistry functions;
  private final LeafExpressions leaves;
  private final OperatorExpressions operators;
  private final CompositeExpressions composites;

  public ExpressionBuilder(RexBuilder rexBuilder, RowSchema input, FunctionRegistry functions) {
    this.rexBuilder = Objects.requireNonNull(rexBuilder, "rexBuilder");
    this.input = Objects.requireNonNull(input, "input");
    this.leaves = new LeafExpressions(rexBuilder, input);
    this.functions = Objects.requireNonNull(functions, "functions");
    this.operators = new OperatorExpressions(leaves);
    this.composites = new CompositeExpressions(leaves, operators);
  }

  public RexBuilder rexBuilder() {
    return rexBuilder;
  }

  public RowSchema input() {
    return input;
  }

  /**
   * A builder over another input row with the same RexBuilder and functions (a lambda body's row
   * is its parameters and the enclosing row).
   */
  ExpressionBuilder over(RowSchema otherInput) {
    return new ExpressionBuilder(rexBuilder, otherInput, functions);
  }

  /** The ksqlDB type of {@code e}. */
  public SqlType typeOf(RexNode e) {
    return leaves.typeOf(e);
  }

  /** The ksqlDB type of {@code e}, or null for an untyped NULL literal. */
  public SqlType typeOrNull(RexNode e) {
    return leaves.typeOrNull(e);
  }

  // ---------------------------------------------------------------------------------------------
  // Columns and literals

  /** The input column called {@code name}. */
  public RexNode column(String name) {
    return leaves.column(name);
  }

  /** Input column {@code index}. */
  public RexNode column(int index) {
    return leaves.column(index);
  }

  public RexNode literal(boolean value) {
    return leaves.literal(value);
  }

  /** An INTEGER literal (ksqlDB: an integer literal that fits in 32 bits). */
  public RexNode literal(int value) {
    return leaves.literal(value);
  }

  /** A BIGINT literal. */
  public RexNode literal(long value) {
    return leaves.literal(value);
  }

  /** A DOUBLE literal (ksqlDB: a literal in scientific notation, e.g. {@code 1.5E0}). */
  public RexNode literal(double value) {
    return leaves.literal(value);
  }

  /** A STRING literal. */
  public RexNode literal(String value) {
    return leaves.literal(value);
  }

  /**
   * A DECIMAL literal as ksqlDB types a literal with a decimal point ({@code 1.5} is DECIMAL(2, 1),
   * {@code 0.00} is DECIMAL(3, 2)).
   */
  public RexNode decimalLiteral(String text) {
    return leaves.decimalLiteral(text);
  }

  /** The untyped NULL literal; it takes its type from where it is used. */
  public RexNode nullLiteral() {
    return leaves.nullLiteral();
  }

  /** A NULL of type {@code type}. */
  public RexNode nullLiteral(SqlType type) {
    return leaves.nullLiteral(type);
  }

  // ---------------------------------------------------------------------------------------------
  // Conversions

  /** {@code CAST(e AS type)} with ksqlDB's conversions. */
  public RexNode cast(RexNode e, SqlType type) {
    return leaves.cast(e, type);
  }

  // ---------------------------------------------------------------------------------------------
  // Arithmetic

  public RexNode add(RexNode a, RexNode b) {
    return arithmetic(Arithmetic.ADD, a, b);
  }

  public RexNode subtract(RexNode a, RexNode b) {
    return arithmetic(Arithmetic.SUBTRACT, a, b);
  }

  public RexNode multiply(RexNode a, RexNode b) {
    return arithmetic(Arithmetic.MULTIPLY, a, b);
  }

  public RexNode divide(RexNode a, RexNode b) {
    return arithmetic(Arithmetic.DIVIDE, a, b);
  }

  public RexNode mod(RexNode a, RexNode b) {
    return arithmetic(Arithmetic.MODULUS, a, b);
  }

  /** {@code a op b} with ksqlDB's typing. */
  public RexNode arithmetic(Arithmetic op, RexNode a, RexNode b) {
    return operators.arithmetic(op, a, b);
  }

  /** {@code -a}. */
  public RexNode negate(RexNode a) {
    return operators.negate(a);
  }

  // ---------------------------------------------------------------------------------------------
  // Comparisons

  public RexNode eq(RexNode a, RexNode b) {
    return compare(Comparison.EQUAL, a, b);
  }

  public RexNode ne(RexNode a, RexNode b) {
    return compare(Comparison.NOT_EQUAL, a, b);
  }

  public RexNode lt(RexNode a, RexNode b) {
    return compare(Comparison.LESS_THAN, a, b);
  }

  public RexNode le(RexNode a, RexNode b) {
    return compare(Comparison.LESS_THAN_OR_EQUAL, a, b);
  }

  public RexNode gt(RexNode a, RexNode b) {
    return compare(Comparison.GREATER_THAN, a, b);
  }

  public RexNode ge(RexNode a, RexNode b) {
    return compare(Comparison.GREATER_THAN_OR_EQUAL, a, b);
  }

  /** {@code a op b}: FALSE (never NULL) if either side is null, as in ksqlDB. */
  public RexNode compare(Comparison op, RexNode a, RexNode b) {
    return operators.compare(op, a, b);
  }

  /** {@code a IS DISTINCT FROM b} (null-safe: NULL is not distinct from NULL). */
  public RexNode isDistinctFrom(RexNode a, RexNode b) {
    return operators.isDistinctFrom(a, b);
  }

  /** {@code a IS NOT DISTINCT FROM b}. */
  public RexNode isNotDistinctFrom(RexNode a, RexNode b) {
    return operators.isNotDistinctFrom(a, b);
  }

  /** {@code value [NOT] IN (list)}: FALSE for a null value; null list entries never match. */
  public RexNode in(RexNode value, List<RexNode> list) {
    return composites.in(value, list);
  }

  /** {@code value BETWEEN low AND high}: FALSE if any is null. */
  public RexNode between(RexNode value, RexNode low, RexNode high) {
    return composites.between(value, low, high);
  }

  /**
   * {@code value LIKE pattern [ESCAPE escape]}; {@code escape} may be null. NULL if value or
   * pattern is null.
   */
  public RexNode like(RexNode value, RexNode pattern, Character escape) {
    return composites.like(value, pattern, escape);
  }

  // ---------------------------------------------------------------------------------------------
  // Logic and nulls

  public RexNode and(RexNode... operands) {
    return operators.and(operands);
  }

  public RexNode or(RexNode... operands) {
    return operators.or(operands);
  }

  public RexNode not(RexNode operand) {
    return operators.not(operand);
  }

  public RexNode isNull(RexNode e) {
    return operators.isNull(e);
  }

  public RexNode isNotNull(RexNode e) {
    return operators.isNotNull(e);
  }

  // ---------------------------------------------------------------------------------------------
  // CASE

  /**
   * {@code CASE WHEN c1 THEN r1 ... [ELSE e] END}; {@code otherwise} may be null (ELSE NULL). A
   * null condition does not match.
   */
  public RexNode searchedCase(List<RexNode> conditions, List<RexNode> results, RexNode otherwise) {
    return composites.searchedCase(conditions, results, otherwise);
  }

  /** {@code CASE operand WHEN v1 THEN r1 ... [ELSE e] END}. */
  public RexNode simpleCase(
      RexNode operand, List<RexNode> values, List<RexNode> results, RexNode otherwise) {
    return composites.simpleCase(operand, values, results, otherwise);
  }

  // ---------------------------------------------------------------------------------------------
  // Structured values

  /** {@code base[index]}: ARRAY (1-based, negative from the end) or MAP (by key). */
  public RexNode subscript(RexNode base, RexNode index) {
    return composites.subscript(base, index);
  }

  /** {@code struct->field}; the name matches exactly, else case-insensitively if unambiguous. */
  public RexNode field(RexNode struct, String name) {
    return composites.field(struct, name);
  }

  /** {@code ARRAY[e1, ...]}: elements converted to their common type. */
  public RexNode array(List<RexNode> elements) {
    return composites.array(elements);
  }

  /** {@code MAP(k1 := v1, ...)}: keys and values converted to their common types. */
  public RexNode map(List<RexNode> keys, List<RexNode> values) {
    return composites.map(keys, values);
  }

  /** {@code STRUCT(name1 := v1, ...)}. */
  public RexNode struct(List<String> names, List<RexNode> values) {
    return composites.struct(names, values);
  }

  // ---------------------------------------------------------------------------------------------
  // Functions

  /** {@code a || b}: ksqlDB parses it as {@code CONCAT(a, b)}. */
  public RexNode concat(RexNode a, RexNode b) {
    return call("CONCAT", a, b);
  }

  /** A call of a registered function. */
  public RexNode call(String name, RexNode... args) {
    return call(name, List.of(args));
  }

  /** A call of a registered function, arguments cast to the chosen overload's parameter types. */
  public RexNode call(String name, List<RexNode> args) {
    List<SqlType> types = new ArrayList<>();
    for (RexNode a : args) {
      types.add(typeOrNull(a));
    }
    FunctionRegistry.Resolved r =
        FunctionOperators.resolve(functions, name.toUpperCase(Locale.ROOT), types);
    List<RexNode> operands = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      operands.add(cast(args.get(i), r.argumentTypes().get(i)));
    }
    return rexBuilder.makeCall(
        leaves.rel(r.returnType()), FunctionOperators.operator(r), operands);
  }

  /** Convenience: the column list of the input, for messages. */
  @Override
  public String toString() {
    return "ExpressionBuilder" + input.columns().stream().map(Column::toString).toList();
  }
}

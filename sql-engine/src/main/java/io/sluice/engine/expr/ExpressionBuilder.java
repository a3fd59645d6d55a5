package io.sluice.engine.expr;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

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
  private final RelDataTypeFactory typeFactory;
  private final RowSchema input;
  private final RelDataType inputRowType;
  private final FunctionRegistry functions;

  public ExpressionBuilder(RexBuilder rexBuilder, RowSchema input, FunctionRegistry functions) {
    this.rexBuilder = Objects.requireNonNull(rexBuilder, "rexBuilder");
    this.typeFactory = rexBuilder.getTypeFactory();
    this.input = Objects.requireNonNull(input, "input");
    this.inputRowType = input.toRelDataType(typeFactory);
    this.functions = Objects.requireNonNull(functions, "functions");
  }

  public RexBuilder rexBuilder() {
    return rexBuilder;
  }

  public RowSchema input() {
    return input;
  }

  /** The ksqlDB type of {@code e}. */
  public SqlType typeOf(RexNode e) {
    SqlType t = typeOrNull(e);
    if (t == null) {
      throw new ExpressionTypeException("untyped NULL: " + e);
    }
    return t;
  }

  /** The ksqlDB type of {@code e}, or null for an untyped NULL literal. */
  public SqlType typeOrNull(RexNode e) {
    if (e.getType().getSqlTypeName() == SqlTypeName.NULL) {
      return null;
    }
    return SqlType.fromRelDataType(e.getType());
  }

  private RelDataType rel(SqlType t) {
    return t.toRelDataType(typeFactory);
  }

  // ---------------------------------------------------------------------------------------------
  // Columns and literals

  /** The input column called {@code name}. */
  public RexNode column(String name) {
    int i = input.indexOf(name);
    if (i < 0) {
      throw new ExpressionTypeException("Column '" + name + "' cannot be resolved.");
    }
    return column(i);
  }

  /** Input column {@code index}. */
  public RexNode column(int index) {
    return rexBuilder.makeInputRef(inputRowType.getFieldList().get(index).getType(), index);
  }

  public RexNode literal(boolean value) {
    return rexBuilder.makeLiteral(value);
  }

  /** An INTEGER literal (ksqlDB: an integer literal that fits in 32 bits). */
  public RexNode literal(int value) {
    return rexBuilder.makeExactLiteral(BigDecimal.valueOf(value), rel(SqlType.INTEGER));
  }

  /** A BIGINT literal. */
  public RexNode literal(long value) {
    return rexBuilder.makeExactLiteral(BigDecimal.valueOf(value), rel(SqlType.BIGINT));
  }

  /** A DOUBLE literal (ksqlDB: a literal in scientific notation, e.g. {@code 1.5E0}). */
  public RexNode literal(double value) {
    return rexBuilder.makeLiteral(value, rel(SqlType.DOUBLE), false);
  }

  /** A STRING literal. */
  public RexNode literal(String value) {
    return rexBuilder.makeLiteral(value, rel(SqlType.STRING), false);
  }

  /**
   * A DECIMAL literal as ksqlDB types a literal with a decimal point ({@code 1.5} is DECIMAL(2, 1),
   * {@code 0.00} is DECIMAL(3, 2)).
   */
  public RexNode decimalLiteral(String text) {
    BigDecimal value = new BigDecimal(text);
    int scale = Math.max(value.scale(), 0);
    if (value.scale() < 0) {
      value = value.setScale(0);
    }
    int precision = value.signum() == 0 ? scale + 1 : Math.max(value.precision(), scale);
    return rexBuilder.makeExactLiteral(value, rel(SqlType.decimal(precision, scale)));
  }

  /** The untyped NULL literal; it takes its type from where it is used. */
  public RexNode nullLiteral() {
    return rexBuilder.makeNullLiteral(typeFactory.createSqlType(SqlTypeName.NULL));
  }

  /** A NULL of type {@code type}. */
  public RexNode nullLiteral(SqlType type) {
    return rexBuilder.makeNullLiteral(rel(type));
  }

  // ---------------------------------------------------------------------------------------------
  // Conversions

  /** {@code CAST(e AS type)} with ksqlDB's conversions. */
  public RexNode cast(RexNode e, SqlType type) {
    SqlType from = typeOrNull(e);
    RelDataType target = rel(type);
    if (from == null) {
      return rexBuilder.makeNullLiteral(target);
    }
    if (from.equals(type)) {
      return SqlTypeUtil.equalSansNullability(typeFactory, e.getType(), target)
          ? e : rexBuilder.makeCast(target, e, true, false);
    }
    if (!KsqlOperators.castSupported(from, type)) {
      throw new ExpressionTypeException("Cast of " + from + " to " + type + " is not supported");
    }
    if (nativeCast(from, type)) {
      return rexBuilder.makeCast(target, e);
    }
    return rexBuilder.makeCall(target, KsqlOperators.cast(type), List.of(e));
  }

  /** Conversions where Calcite's CAST is exactly ksqlDB's (and which Calcite can fold). */
  private static boolean nativeCast(SqlType from, SqlType to) {
    SqlBaseType f = from.baseType();
    SqlBaseType t = to.baseType();
    return (f == SqlBaseType.INTEGER && (t == SqlBaseType.BIGINT || t == SqlBaseType.DOUBLE))
        || (f == SqlBaseType.BIGINT && t == SqlBaseType.DOUBLE);
  }

  /** {@code e} converted implicitly to {@code type} (which it must implicitly convert to). */
  private RexNode coerce(RexNode e, SqlType type) {
    SqlType from = typeOrNull(e);
    if (from != null && !from.equals(type) && !SqlType.canImplicitlyCast(from, type)) {
      throw new ExpressionTypeException(
          "Cannot implicitly convert " + from + " to " + type + ": " + e);
    }
    return cast(e, type);
  }

  /** The common type of the typed nodes, or empty if all are untyped NULLs. */
  private Optional<SqlType> commonType(List<RexNode> nodes, String what) {
    SqlType common = null;
    for (RexNode n : nodes) {
      SqlType t = typeOrNull(n);
      if (t == null) {
        continue;
      }
      if (common == null) {
        common = t;
      } else {
        SqlType c = common;
        common = SqlType.commonType(common, t).orElseThrow(() -> new ExpressionTypeException(
            "invalid " + what + ": incompatible types " + c + " and " + t));
      }
    }
    return Optional.ofNullable(common);
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
    SqlType ta = typeOrNull(a);
    SqlType tb = typeOrNull(b);
    if (ta == null && tb == null) {
      throw new ExpressionTypeException("Arithmetic on two untyped NULLs");
    }
    ta = ta == null ? tb : ta;
    tb = tb == null ? ta : tb;
    a = cast(a, ta);
    b = cast(b, tb);
    if (op == Arithmetic.ADD && ta.baseType() == SqlBaseType.STRING
        && tb.baseType() == SqlBaseType.STRING) {
      return rexBuilder.makeCall(rel(SqlType.STRING), KsqlOperators.STRING_PLUS, List.of(a, b));
    }
    if (!ta.baseType().isNumber() || !tb.baseType().isNumber()) {
      throw new ExpressionTypeException("Unsupported arithmetic types. " + ta.baseType() + " "
          + tb.baseType());
    }
    if (ta.baseType() == SqlBaseType.DOUBLE || tb.baseType() == SqlBaseType.DOUBLE) {
      return rexBuilder.makeCall(op.op, cast(a, SqlType.DOUBLE), cast(b, SqlType.DOUBLE));
    }
    if (ta.baseType() == SqlBaseType.DECIMAL || tb.baseType() == SqlBaseType.DECIMAL) {
      RexNode da = cast(a, SqlType.asDecimal(ta));
      RexNode db = cast(b, SqlType.asDecimal(tb));
      RexNode standard = rexBuilder.makeCall(op.op, da, db);
      if (op == Arithmetic.DIVIDE) {
        // Calcite derives the type (SluiceTypeSystem); the value needs ksqlDB's scale.
        return rexBuilder.makeCall(standard.getType(), KsqlOperators.DECIMAL_DIVIDE,
            List.of(da, db));
      }
      return standard;
    }
    SqlType wide = SqlType.commonType(ta, tb).orElseThrow();
    return rexBuilder.makeCall(op.op, cast(a, wide), cast(b, wide));
  }

  /** {@code -a}. */
  public RexNode negate(RexNode a) {
    SqlType t = typeOf(a);
    if (!t.baseType().isNumber()) {
      throw new ExpressionTypeException("Unsupported arithmetic type for negation: " + t);
    }
    return rexBuilder.makeCall(SqlStdOperatorTable.UNARY_MINUS, a);
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
    RexNode[] ops = comparable(a, b, op == Comparison.EQUAL || op == Comparison.NOT_EQUAL);
    return rexBuilder.makeCall(SqlStdOperatorTable.IS_TRUE,
        rexBuilder.makeCall(op.op, ops[0], ops[1]));
  }

  /** {@code a IS DISTINCT FROM b} (null-safe: NULL is not distinct from NULL). */
  public RexNode isDistinctFrom(RexNode a, RexNode b) {
    RexNode[] ops = comparable(a, b, true);
    return rexBuilder.makeCall(SqlStdOperatorTable.IS_DISTINCT_FROM, ops[0], ops[1]);
  }

  /** {@code a IS NOT DISTINCT FROM b}. */
  public RexNode isNotDistinctFrom(RexNode a, RexNode b) {
    RexNode[] ops = comparable(a, b, true);
    return rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_DISTINCT_FROM, ops[0], ops[1]);
  }

  /** The operands converted to one type ksqlDB can compare, or an error. */
  private RexNode[] comparable(RexNode a, RexNode b, boolean equality) {
    SqlType ta = typeOrNull(a);
    SqlType tb = typeOrNull(b);
    if (ta == null && tb == null) {
      SqlType t = SqlType.STRING;
      return new RexNode[] {cast(a, t), cast(b, t)};
    }
    ta = ta == null ? tb : ta;
    tb = tb == null ? ta : tb;
    SqlBaseType x = ta.baseType();
    SqlBaseType y = tb.baseType();
    SqlType target;
    if (x.isNumber() && y.isNumber()) {
      target = SqlType.commonType(ta, tb).orElseThrow();
    } else if (x.isTemporal() || y.isTemporal()) {
      if (x == y) {
        target = ta;
      } else if (x == SqlBaseType.STRING || y == SqlBaseType.STRING) {
        target = x == SqlBaseType.STRING ? tb : ta; // ksqlDB parses the string
      } else if (x != SqlBaseType.TIME && y != SqlBaseType.TIME) {
        target = SqlType.TIMESTAMP; // DATE against TIMESTAMP
      } else {
        throw cannotCompare(ta, tb);
      }
      return new RexNode[] {cast(a, target), cast(b, target)};
    } else if (x == y && (x == SqlBaseType.STRING || x == SqlBaseType.BYTES)) {
      target = ta;
    } else if (x == y && equality && (x == SqlBaseType.BOOLEAN || x.isContainer())) {
      target = SqlType.commonType(ta, tb).orElseThrow(() -> cannotCompare(typeOf(a), typeOf(b)));
      if (x.isContainer() && !(ta.equals(tb))) {
        throw cannotCompare(ta, tb);
      }
    } else {
      throw cannotCompare(ta, tb);
    }
    return new RexNode[] {coerce(a, target), coerce(b, target)};
  }

  private static ExpressionTypeException cannotCompare(SqlType a, SqlType b) {
    return new ExpressionTypeException("Cannot compare " + a + " to " + b
        + " with this operator");
  }

  /** {@code value [NOT] IN (list)}: FALSE for a null value; null list entries never match. */
  public RexNode in(RexNode value, List<RexNode> list) {
    List<RexNode> candidates = new ArrayList<>();
    for (RexNode e : list) {
      if (!(e instanceof RexLiteral l && l.isNull())) {
        candidates.add(e);
      }
    }
    if (candidates.isEmpty() || typeOrNull(value) == null) {
      return rexBuilder.makeLiteral(false);
    }
    List<RexNode> all = new ArrayList<>(candidates);
    all.add(value);
    SqlType common = commonType(all, "IN list").orElseThrow();
    RexNode v = coerce(value, common);
    List<RexNode> equalities = new ArrayList<>();
    for (RexNode c : candidates) {
      RexNode[] ops = comparable(v, coerce(c, common), true);
      equalities.add(rexBuilder.makeCall(SqlStdOperatorTable.EQUALS, ops[0], ops[1]));
    }
    RexNode any = equalities.size() == 1 ? equalities.get(0)
        : rexBuilder.makeCall(SqlStdOperatorTable.OR, equalities);
    return rexBuilder.makeCall(SqlStdOperatorTable.IS_TRUE, any);
  }

  /** {@code value BETWEEN low AND high}: FALSE if any is null. */
  public RexNode between(RexNode value, RexNode low, RexNode high) {
    return and(ge(value, low), le(value, high));
  }

  /**
   * {@code value LIKE pattern [ESCAPE escape]}; {@code escape} may be null. NULL if value or
   * pattern is null.
   */
  public RexNode like(RexNode value, RexNode pattern, Character escape) {
    for (RexNode e : List.of(value, pattern)) {
      SqlType t = typeOrNull(e);
      if (t != null && t.baseType() != SqlBaseType.STRING) {
        throw new ExpressionTypeException("LIKE needs STRING operands, not " + t);
      }
    }
    if (pattern instanceof RexLiteral p && !p.isNull()) {
      try {
        LikeMatcher.compile(p.getValueAs(String.class), escape);
      } catch (IllegalArgumentException e) {
        throw new ExpressionTypeException(e.getMessage());
      }
    }
    RexNode esc = escape == null ? nullLiteral(SqlType.STRING) : literal(escape.toString());
    return rexBuilder.makeCall(rel(SqlType.BOOLEAN), KsqlOperators.LIKE,
        List.of(cast(value, SqlType.STRING), cast(pattern, SqlType.STRING), esc));
  }

  // ---------------------------------------------------------------------------------------------
  // Logic and nulls

  public RexNode and(RexNode... operands) {
    return rexBuilder.makeCall(SqlStdOperatorTable.AND, booleans(operands));
  }

  public RexNode or(RexNode... operands) {
    return rexBuilder.makeCall(SqlStdOperatorTable.OR, booleans(operands));
  }

  public RexNode not(RexNode operand) {
    return rexBuilder.makeCall(SqlStdOperatorTable.NOT, booleans(operand).get(0));
  }

  private List<RexNode> booleans(RexNode... operands) {
    List<RexNode> out = new ArrayList<>();
    for (RexNode e : operands) {
      SqlType t = typeOrNull(e);
      if (t != null && t.baseType() != SqlBaseType.BOOLEAN) {
        throw new ExpressionTypeException("Expected a BOOLEAN, got " + t + ": " + e);
      }
      out.add(cast(e, SqlType.BOOLEAN));
    }
    return out;
  }

  public RexNode isNull(RexNode e) {
    return rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, e);
  }

  public RexNode isNotNull(RexNode e) {
    return rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_NULL, e);
  }

  // ---------------------------------------------------------------------------------------------
  // CASE

  /**
   * {@code CASE WHEN c1 THEN r1 ... [ELSE e] END}; {@code otherwise} may be null (ELSE NULL). A
   * null condition does not match.
   */
  public RexNode searchedCase(List<RexNode> conditions, List<RexNode> results, RexNode otherwise) {
    if (conditions.isEmpty() || conditions.size() != results.size()) {
      throw new ExpressionTypeException("CASE needs one THEN per WHEN, and at least one");
    }
    List<RexNode> branches = new ArrayList<>(results);
    if (otherwise != null) {
      branches.add(otherwise);
    }
    SqlType type = commonType(branches, "CASE expression").orElseThrow(() ->
        new ExpressionTypeException("Invalid Case expression. All case branches have a NULL type"));
    List<RexNode> operands = new ArrayList<>();
    for (int i = 0; i < conditions.size(); i++) {
      operands.add(booleans(conditions.get(i)).get(0));
      operands.add(coerce(results.get(i), type));
    }
    operands.add(otherwise == null ? nullLiteral(type) : coerce(otherwise, type));
    return rexBuilder.makeCall(SqlStdOperatorTable.CASE, operands);
  }

  /** {@code CASE operand WHEN v1 THEN r1 ... [ELSE e] END}. */
  public RexNode simpleCase(
      RexNode operand, List<RexNode> values, List<RexNode> results, RexNode otherwise) {
    List<RexNode> conditions = new ArrayList<>();
    for (RexNode v : values) {
      conditions.add(eq(operand, v));
    }
    return searchedCase(conditions, results, otherwise);
  }

  // ---------------------------------------------------------------------------------------------
  // Structured values

  /** {@code base[index]}: ARRAY (1-based, negative from the end) or MAP (by key). */
  public RexNode subscript(RexNode base, RexNode index) {
    SqlType t = typeOf(base);
    if (t instanceof SqlArray a) {
      SqlType it = typeOrNull(index);
      if (it != null && it.baseType() != SqlBaseType.INTEGER
          && it.baseType() != SqlBaseType.BIGINT) {
        throw new ExpressionTypeException("array index must be INTEGER, not " + it);
      }
      return rexBuilder.makeCall(rel(a.element()), KsqlOperators.ARRAY_ACCESS,
          List.of(base, cast(index, SqlType.INTEGER)));
    }
    if (t instanceof SqlMap m) {
      return rexBuilder.makeCall(rel(m.value()), KsqlOperators.MAP_ACCESS,
          List.of(base, coerce(index, m.key())));
    }
    throw new ExpressionTypeException("Subscript expression ([]) can only be used on ARRAY or MAP, "
        + "not " + t);
  }

  /** {@code struct->field}; the name matches exactly, else case-insensitively if unambiguous. */
  public RexNode field(RexNode struct, String name) {
    SqlType t = typeOf(struct);
    if (!(t instanceof SqlStruct s)) {
      throw new ExpressionTypeException("Can only dereference a STRUCT, not " + t);
    }
    String actual = name;
    if (s.indexOf(name) < 0) {
      List<String> matches = s.fieldNames().stream().filter(n -> n.equalsIgnoreCase(name)).toList();
      if (matches.size() != 1) {
        throw new ExpressionTypeException("Could not find field '" + name + "' in " + t);
      }
      actual = matches.get(0);
    }
    return rexBuilder.makeFieldAccess(struct, actual, true);
  }

  /** {@code ARRAY[e1, ...]}: elements converted to their common type. */
  public RexNode array(List<RexNode> elements) {
    if (elements.isEmpty()) {
      throw new ExpressionTypeException("Array constructor cannot be empty");
    }
    SqlType type = commonType(elements, "ARRAY constructor").orElseThrow(() ->
        new ExpressionTypeException("Cannot construct an array with all NULL elements"));
    List<RexNode> ops = new ArrayList<>();
    for (RexNode e : elements) {
      ops.add(coerce(e, type));
    }
    return rexBuilder.makeCall(SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR, ops);
  }

  /** {@code MAP(k1 := v1, ...)}: keys and values converted to their common types. */
  public RexNode map(List<RexNode> keys, List<RexNode> values) {
    if (keys.isEmpty() || keys.size() != values.size()) {
      throw new ExpressionTypeException("Map constructor needs at least one key and one value each");
    }
    SqlType keyType = commonType(keys, "MAP constructor keys").orElseThrow(() ->
        new ExpressionTypeException("Cannot construct a map with all NULL keys"));
    SqlType valueType = commonType(values, "MAP constructor values").orElseThrow(() ->
        new ExpressionTypeException("Cannot construct a map with all NULL values"));
    List<RexNode> ops = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      ops.add(coerce(keys.get(i), keyType));
      ops.add(coerce(values.get(i), valueType));
    }
    return rexBuilder.makeCall(SqlStdOperatorTable.MAP_VALUE_CONSTRUCTOR, ops);
  }

  /** {@code STRUCT(name1 := v1, ...)}. */
  public RexNode struct(List<String> names, List<RexNode> values) {
    if (names.isEmpty() || names.size() != values.size()) {
      throw new ExpressionTypeException("STRUCT needs one value per field name, and a field");
    }
    Set<String> seen = new HashSet<>();
    SqlStruct.Builder type = SqlType.struct();
    for (int i = 0; i < names.size(); i++) {
      if (!seen.add(names.get(i))) {
        throw new ExpressionTypeException("Duplicate field name in STRUCT: " + names.get(i));
      }
      SqlType t = typeOrNull(values.get(i));
      if (t == null) {
        throw new ExpressionTypeException("Cannot infer the type of NULL field " + names.get(i)
            + ": CAST it");
      }
      type.field(names.get(i), t);
    }
    return rexBuilder.makeCall(rel(type.build()), KsqlOperators.struct(names), values);
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
    FunctionRegistry.Resolved r = functions.resolve(name.toUpperCase(Locale.ROOT), types);
    List<RexNode> operands = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      operands.add(cast(args.get(i), r.argumentTypes().get(i)));
    }
    return rexBuilder.makeCall(rel(r.returnType()), r.operator(), operands);
  }

  /** Convenience: the column list of the input, for messages. */
  @Override
  public String toString() {
    return "ExpressionBuilder" + input.columns().stream().map(Column::toString).toList();
  }
}

package io.sluice.engine.expr;

import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * {@link ExpressionBuilder}'s forms over several operands: structured values (ARRAY subscript,
 * MAP lookup, STRUCT field access, and the ARRAY, MAP and STRUCT constructors) and the
 * predicates and conditionals IN, BETWEEN, LIKE and CASE. They are built from {@link
 * LeafExpressions}' conversions and {@link OperatorExpressions}' comparisons and logic rather than
 * typed afresh, so {@code x IN (a, b)} accepts exactly what {@code x = a} does. {@link
 * ExpressionBuilder} documents the semantics of each public form.
 *
 * <p>Not thread-safe: it builds through a RexBuilder whose type factory is not. It has no state
 * of its own beyond the references it is given.
 */
final class CompositeExpressions {

  private final LeafExpressions leaves;
  private final OperatorExpressions operators;
  private final RexBuilder rexBuilder;

  CompositeExpressions(LeafExpressions leaves, OperatorExpressions operators) {
    this.leaves = leaves;
    this.operators = operators;
    this.rexBuilder = leaves.rexBuilder();
  }

  // ---------------------------------------------------------------------------------------------
  // IN, BETWEEN, LIKE

  RexNode in(RexNode value, List<RexNode> list) {
    // A NULL literal entry can never match (a comparison with null is FALSE), so drop it.
    List<RexNode> candidates = new ArrayList<>();
    for (RexNode e : list) {
      if (!(e instanceof RexLiteral l && l.isNull())) {
        candidates.add(e);
      }
    }
    if (candidates.isEmpty() || leaves.typeOrNull(value) == null) {
      return rexBuilder.makeLiteral(false);
    }
    SqlType valueType = leaves.typeOf(value);
    List<RexNode> converted = new ArrayList<>();
    for (RexNode c : candidates) {
      RexNode fit = literalFor(c, valueType);
      if (fit != null) {
        converted.add(fit);
      }
    }
    candidates = converted;
    if (candidates.isEmpty()) {
      return rexBuilder.makeLiteral(false);
    }
    List<RexNode> all = new ArrayList<>(candidates);
    all.add(value);
    SqlType common = leaves.commonType(all, "IN list").orElseThrow();
    RexNode v = leaves.coerce(value, common);
    List<RexNode> equalities = new ArrayList<>();
    for (RexNode c : candidates) {
      RexNode[] ops = operators.comparable(v, leaves.coerce(c, common), true);
      equalities.add(rexBuilder.makeCall(SqlStdOperatorTable.EQUALS, ops[0], ops[1]));
    }
    RexNode any = equalities.size() == 1 ? equalities.get(0)
        : rexBuilder.makeCall(SqlStdOperatorTable.OR, equalities);
    return rexBuilder.makeCall(SqlStdOperatorTable.IS_TRUE, any);
  }

  /**
   * An IN list entry as ksqlDB compares it with a value of {@code target}: as it is when the
   * types have a common type; a literal of another scalar type converted to the value's type
   * ({@code ID IN ('TrUe', 1)} for a BOOLEAN, {@code S IN (10, true)} for a STRING); null when
   * a literal cannot hold a value of that type (it never matches). Other entries are left for
   * the common-type check to reject.
   */
  private RexNode literalFor(RexNode entry, SqlType target) {
    SqlType type = leaves.typeOrNull(entry);
    if (type == null || SqlType.commonType(type, target).isPresent()
        || !(entry instanceof RexLiteral literal)) {
      return entry;
    }
    if (target.baseType() == SqlBaseType.STRING && !type.baseType().isContainer()) {
      return leaves.cast(entry, SqlType.STRING);
    }
    if (type.baseType() != SqlBaseType.STRING) {
      return entry;
    }
    String text = literal.getValueAs(String.class).trim();
    try {
      switch (target.baseType()) {
        case BOOLEAN -> {
          String t = text.toLowerCase(java.util.Locale.ROOT);
          if (t.equals("true") || t.equals("t") || t.equals("yes") || t.equals("y")) {
            return leaves.literal(true);
          }
          if (t.equals("false") || t.equals("f") || t.equals("no") || t.equals("n")) {
            return leaves.literal(false);
          }
          return null;
        }
        case INTEGER, BIGINT -> {
          java.math.BigDecimal d = new java.math.BigDecimal(text);
          if (d.stripTrailingZeros().scale() > 0) {
            return null;
          }
          long v = d.longValueExact();
          return target.baseType() == SqlBaseType.INTEGER && v == (int) v
              ? leaves.literal((int) v) : leaves.literal(v);
        }
        case DOUBLE -> {
          return leaves.literal(Double.parseDouble(text));
        }
        case DECIMAL -> {
          return leaves.decimalLiteral(new java.math.BigDecimal(text).toPlainString());
        }
        default -> {
          return entry;
        }
      }
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  RexNode between(RexNode value, RexNode low, RexNode high) {
    // Two ksqlDB comparisons, each FALSE on null, so the conjunction is too.
    return operators.and(
        operators.compare(ExpressionBuilder.Comparison.GREATER_THAN_OR_EQUAL, value, low),
        operators.compare(ExpressionBuilder.Comparison.LESS_THAN_OR_EQUAL, value, high));
  }

  RexNode like(RexNode value, RexNode pattern, Character escape) {
    for (RexNode e : List.of(value, pattern)) {
      SqlType t = leaves.typeOrNull(e);
      if (t != null && t.baseType() != SqlBaseType.STRING) {
        throw new ExpressionTypeException("LIKE needs STRING operands, not " + t);
      }
    }
    // A constant pattern is compiled now so that a malformed one fails at planning time.
    if (pattern instanceof RexLiteral p && !p.isNull()) {
      try {
        LikeMatcher.compile(p.getValueAs(String.class), escape);
      } catch (IllegalArgumentException e) {
        throw new ExpressionTypeException(e.getMessage());
      }
    }
    RexNode esc = escape == null
        ? leaves.nullLiteral(SqlType.STRING) : leaves.literal(escape.toString());
    return rexBuilder.makeCall(leaves.rel(SqlType.BOOLEAN), KsqlOperators.LIKE,
        List.of(leaves.cast(value, SqlType.STRING), leaves.cast(pattern, SqlType.STRING), esc));
  }

  // ---------------------------------------------------------------------------------------------
  // CASE

  RexNode searchedCase(List<RexNode> conditions, List<RexNode> results, RexNode otherwise) {
    if (conditions.isEmpty() || conditions.size() != results.size()) {
      throw new ExpressionTypeException("CASE needs one THEN per WHEN, and at least one");
    }
    List<RexNode> branches = new ArrayList<>(results);
    if (otherwise != null) {
      branches.add(otherwise);
    }
    SqlType type = leaves.commonType(branches, "CASE expression").orElseThrow(() ->
        new ExpressionTypeException("Invalid Case expression. All case branches have a NULL type"));
    List<RexNode> operands = new ArrayList<>();
    for (int i = 0; i < conditions.size(); i++) {
      operands.add(operators.booleans(conditions.get(i)).get(0));
      operands.add(leaves.coerce(results.get(i), type));
    }
    operands.add(otherwise == null ? leaves.nullLiteral(type) : leaves.coerce(otherwise, type));
    return rexBuilder.makeCall(SqlStdOperatorTable.CASE, operands);
  }

  RexNode simpleCase(
      RexNode operand, List<RexNode> values, List<RexNode> results, RexNode otherwise) {
    // Rewritten as a searched CASE of ksqlDB equalities, so a null operand matches no WHEN.
    List<RexNode> conditions = new ArrayList<>();
    for (RexNode v : values) {
      conditions.add(operators.compare(ExpressionBuilder.Comparison.EQUAL, operand, v));
    }
    return searchedCase(conditions, results, otherwise);
  }

  // ---------------------------------------------------------------------------------------------
  // Structured values

  RexNode subscript(RexNode base, RexNode index) {
    SqlType t = leaves.typeOf(base);
    if (t instanceof SqlArray a) {
      SqlType it = leaves.typeOrNull(index);
      if (it != null && it.baseType() != SqlBaseType.INTEGER
          && it.baseType() != SqlBaseType.BIGINT) {
        throw new ExpressionTypeException("array index must be INTEGER, not " + it);
      }
      return rexBuilder.makeCall(leaves.rel(a.element()), KsqlOperators.ARRAY_ACCESS,
          List.of(base, leaves.cast(index, SqlType.INTEGER)));
    }
    if (t instanceof SqlMap m) {
      return rexBuilder.makeCall(leaves.rel(m.value()), KsqlOperators.MAP_ACCESS,
          List.of(base, leaves.coerce(index, m.key())));
    }
    throw new ExpressionTypeException("Subscript expression ([]) can only be used on ARRAY or MAP, "
        + "not " + t);
  }

  RexNode field(RexNode struct, String name) {
    SqlType t = leaves.typeOf(struct);
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

  RexNode array(List<RexNode> elements) {
    if (elements.isEmpty()) {
      throw new ExpressionTypeException("Array constructor cannot be empty");
    }
    SqlType type = leaves.commonType(elements, "ARRAY constructor").orElseThrow(() ->
        new ExpressionTypeException("Cannot construct an array with all NULL elements"));
    List<RexNode> ops = new ArrayList<>();
    for (RexNode e : elements) {
      ops.add(leaves.coerce(e, type));
    }
    return rexBuilder.makeCall(SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR, ops);
  }

  RexNode map(List<RexNode> keys, List<RexNode> values) {
    if (keys.isEmpty() || keys.size() != values.size()) {
      throw new ExpressionTypeException(
          "Map constructor needs at least one key and one value each");
    }
    SqlType keyType = leaves.commonType(keys, "MAP constructor keys").orElseThrow(() ->
        new ExpressionTypeException("Cannot construct a map with all NULL keys"));
    SqlType valueType = leaves.commonType(values, "MAP constructor values").orElseThrow(() ->
        new ExpressionTypeException("Cannot construct a map with all NULL values"));
    List<RexNode> ops = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      ops.add(leaves.coerce(keys.get(i), keyType));
      ops.add(leaves.coerce(values.get(i), valueType));
    }
    return rexBuilder.makeCall(SqlStdOperatorTable.MAP_VALUE_CONSTRUCTOR, ops);
  }

  RexNode struct(List<String> names, List<RexNode> values) {
    if (names.isEmpty() || names.size() != values.size()) {
      throw new ExpressionTypeException("STRUCT needs one value per field name, and a field");
    }
    Set<String> seen = new HashSet<>();
    SqlStruct.Builder type = SqlType.struct();
    for (int i = 0; i < names.size(); i++) {
      if (!seen.add(names.get(i))) {
        throw new ExpressionTypeException("Duplicate field name in STRUCT: " + names.get(i));
      }
      // Unlike ARRAY and MAP, no other value can lend a NULL field its type.
      SqlType t = leaves.typeOrNull(values.get(i));
      if (t == null) {
        throw new ExpressionTypeException("Cannot infer the type of NULL field " + names.get(i)
            + ": CAST it");
      }
      type.field(names.get(i), t);
    }
    return rexBuilder.makeCall(leaves.rel(type.build()), KsqlOperators.struct(names), values);
  }
}

package io.sluice.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.grammar.ast.*;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExpressionParsingTest {
  private static final Pos P = Pos.START;

  private static Expression expr(String sql) {
    return SqlParser.parseExpression(sql);
  }

  private static ColumnRef col(String name) {
    return new ColumnRef(P, Optional.empty(), Identifier.of(name));
  }

  private static IntegerLiteral integer(int value) {
    return new IntegerLiteral(P, value);
  }

  // ------------------------------------------------------------------ precedence

  @Test
  void andBindsTighterThanOr() {
    assertEquals(new LogicalBinary(P, LogicalBinary.Op.OR, col("A"),
        new LogicalBinary(P, LogicalBinary.Op.AND, col("B"), col("C"))), expr("a OR b AND c"));
    assertEquals(new LogicalBinary(P, LogicalBinary.Op.OR,
        new LogicalBinary(P, LogicalBinary.Op.AND, col("A"), col("B")), col("C")),
        expr("a AND b OR c"));
  }

  @Test
  void unaryMinusBindsTighterThanMultiplication() {
    assertEquals(new ArithmeticBinary(P, ArithmeticBinary.Op.MULTIPLY,
        new ArithmeticUnary(P, ArithmeticUnary.Sign.MINUS, col("A")), col("B")),
        expr("-a * b"));
  }

  @Test
  void concatBindsTighterThanComparison() {
    assertEquals(new Comparison(P, Comparison.Op.EQUAL, new Concat(P, col("A"), col("B")),
        col("C")), expr("a || b = c"));
  }

  @Test
  void concatBindsLooserThanAddition() {
    assertEquals(new Concat(P, col("A"), new ArithmeticBinary(P, ArithmeticBinary.Op.ADD,
        col("B"), col("C"))), expr("a || b + c"));
  }

  @Test
  void multiplicationBeforeAdditionAndLeftAssociativity() {
    assertEquals(new ArithmeticBinary(P, ArithmeticBinary.Op.SUBTRACT,
        new ArithmeticBinary(P, ArithmeticBinary.Op.SUBTRACT, col("A"), col("B")), col("C")),
        expr("a - b - c"));
    assertEquals(new ArithmeticBinary(P, ArithmeticBinary.Op.ADD, col("A"),
        new ArithmeticBinary(P, ArithmeticBinary.Op.MODULUS, col("B"), col("C"))),
        expr("a + b % c"));
    assertEquals(new ArithmeticBinary(P, ArithmeticBinary.Op.DIVIDE,
        new ArithmeticBinary(P, ArithmeticBinary.Op.ADD, col("A"), col("B")), col("C")),
        expr("(a + b) / c"));
  }

  @Test
  void notBindsTighterThanAndButLooserThanComparison() {
    assertEquals(new LogicalBinary(P, LogicalBinary.Op.AND,
        new Not(P, new Comparison(P, Comparison.Op.EQUAL, col("A"), col("B"))), col("C")),
        expr("NOT a = b AND c"));
  }

  // ------------------------------------------------------------------ operators and predicates

  @Test
  void comparisons() {
    String[] ops = {"=", "<>", "!=", "<", "<=", ">", ">="};
    Comparison.Op[] expected = {Comparison.Op.EQUAL, Comparison.Op.NOT_EQUAL,
        Comparison.Op.NOT_EQUAL, Comparison.Op.LESS_THAN, Comparison.Op.LESS_THAN_OR_EQUAL,
        Comparison.Op.GREATER_THAN, Comparison.Op.GREATER_THAN_OR_EQUAL};
    for (int i = 0; i < ops.length; i++) {
      assertEquals(new Comparison(P, expected[i], col("A"), integer(1)), expr("a " + ops[i] + " 1"));
    }
  }

  @Test
  void inAndNotIn() {
    assertEquals(new InList(P, col("A"), List.of(integer(1), new StringLiteral(P, "x")), false),
        expr("a IN (1, 'x')"));
    assertEquals(new InList(P, col("A"), List.of(integer(1)), true), expr("a NOT IN (1)"));
  }

  @Test
  void betweenAndNotBetween() {
    assertEquals(new Between(P, col("A"), integer(1), integer(2), false),
        expr("a BETWEEN 1 AND 2"));
    assertEquals(new LogicalBinary(P, LogicalBinary.Op.AND,
        new Between(P, col("A"), integer(1), integer(2), true), col("B")),
        expr("a NOT BETWEEN 1 AND 2 AND b"));
  }

  @Test
  void likeWithEscape() {
    assertEquals(new Like(P, col("A"), new StringLiteral(P, "x%"), Optional.empty(), false),
        expr("a LIKE 'x%'"));
    assertEquals(new Like(P, col("A"), new StringLiteral(P, "x!%%"), Optional.of('!'), true),
        expr("a NOT LIKE 'x!%%' ESCAPE '!'"));
    assertThrows(SqlSyntaxException.class, () -> expr("a LIKE 'x' ESCAPE 'ab'"));
  }

  @Test
  void isNullAndIsDistinctFrom() {
    assertEquals(new IsNull(P, col("A"), false), expr("a IS NULL"));
    assertEquals(new IsNull(P, col("A"), true), expr("a IS NOT NULL"));
    assertEquals(new IsDistinctFrom(P, col("A"), col("B"), false), expr("a IS DISTINCT FROM b"));
    assertEquals(new IsDistinctFrom(P, col("A"), col("B"), true),
        expr("a IS NOT DISTINCT FROM b"));
  }

  @Test
  void caseForms() {
    assertEquals(new SearchedCase(P, List.of(
        new WhenClause(P, expr("a > 1"), new StringLiteral(P, "big")),
        new WhenClause(P, expr("a < 0"), new StringLiteral(P, "neg"))),
        Optional.of(new StringLiteral(P, "small"))),
        expr("CASE WHEN a > 1 THEN 'big' WHEN a < 0 THEN 'neg' ELSE 'small' END"));
    assertEquals(new SimpleCase(P, col("A"), List.of(
        new WhenClause(P, integer(1), new StringLiteral(P, "one"))), Optional.empty()),
        expr("CASE a WHEN 1 THEN 'one' END"));
  }

  @Test
  void cast() {
    assertEquals(new Cast(P, col("A"), new DecimalType(P, 5, 2)), expr("CAST(a AS DECIMAL(5,2))"));
    assertEquals(new Cast(P, col("A"), new ArrayType(P,
        new PrimitiveType(P, PrimitiveType.Kind.STRING))), expr("CAST(a AS ARRAY<VARCHAR>)"));
  }

  @Test
  void constructors() {
    assertEquals(new ArrayConstructor(P, List.of(integer(1), integer(2))), expr("ARRAY[1, 2]"));
    assertEquals(new ArrayConstructor(P, List.of()), expr("ARRAY[]"));
    assertEquals(new MapConstructor(P, List.of(
        new MapConstructor.Entry(new StringLiteral(P, "a"), integer(1)),
        new MapConstructor.Entry(col("K"), col("V")))), expr("MAP('a' := 1, k := v)"));
    assertEquals(new StructConstructor(P, List.of(
        new StructConstructor.Field(Identifier.of("F"), integer(1)),
        new StructConstructor.Field(new Identifier(P, "g", true), col("X")))),
        expr("STRUCT(f := 1, `g` := x)"));
    assertThrows(SqlSyntaxException.class, () -> expr("STRUCT(f := 1, F := 2)"));
  }

  @Test
  void subscriptsAndDereferences() {
    assertEquals(new Subscript(P, col("A"), integer(1)), expr("a[1]"));
    assertEquals(new Subscript(P, col("M"), new StringLiteral(P, "k")), expr("m['k']"));
    assertEquals(new Dereference(P, new Dereference(P, col("S"), Identifier.of("A")),
        Identifier.of("B")), expr("s->a->b"));
    assertEquals(new Subscript(P, new Dereference(P, new ColumnRef(P,
        Optional.of(Identifier.of("T")), Identifier.of("S")), Identifier.of("ARR")),
        new ArithmeticBinary(P, ArithmeticBinary.Op.ADD, col("I"), integer(1))),
        expr("t.s->arr[i + 1]"));
  }

  @Test
  void functionCalls() {
    assertEquals(new FunctionCall(P, Identifier.of("COUNT"), List.of(), true), expr("count(*)"));
    assertEquals(new FunctionCall(P, Identifier.of("COUNT"), List.of(), false), expr("COUNT()"));
    assertEquals(new FunctionCall(P, Identifier.of("SUBSTRING"),
        List.of(col("S"), integer(1), integer(2)), false), expr("Substring(s, 1, 2)"));
    assertEquals(new FunctionCall(P, Identifier.of("TIMESTAMPADD"), List.of(
        new IntervalUnit(P, TimeUnit.MILLISECONDS), integer(-5), col("TIME")), false),
        expr("timestampadd(MILLISECONDS, -5, time)"));
  }

  @Test
  void lambdas() {
    Lambda single = (Lambda) ((FunctionCall) expr("TRANSFORM(arr, x => x + y)")).arguments()
        .get(1);
    assertEquals(List.of(Identifier.of("X")), single.parameters());
    assertEquals(new ArithmeticBinary(P, ArithmeticBinary.Op.ADD,
        new LambdaVariable(P, Identifier.of("X")), col("Y")), single.body());

    FunctionCall reduce = (FunctionCall) expr("REDUCE(m, 0, (s, k, v) => s + k + FILTER(v, "
        + "z => z > s))");
    Lambda multi = (Lambda) reduce.arguments().get(2);
    assertEquals(List.of("S", "K", "V"), multi.parameters().stream().map(Identifier::value)
        .toList());
    // The inner lambda sees its own parameter and the enclosing lambda's.
    Lambda inner = (Lambda) ((FunctionCall) ((ArithmeticBinary) multi.body()).right())
        .arguments().get(1);
    assertEquals(new Comparison(P, Comparison.Op.GREATER_THAN,
        new LambdaVariable(P, Identifier.of("Z")), new LambdaVariable(P, Identifier.of("S"))),
        inner.body());
    // Outside the lambda the same name is a column.
    FunctionCall f = (FunctionCall) expr("F(x, x => x, x)");
    assertEquals(List.of(col("X"), new Lambda(P, List.of(Identifier.of("X")),
        new LambdaVariable(P, Identifier.of("X"))), col("X")), f.arguments());
    assertThrows(SqlSyntaxException.class, () -> expr("F(a, (x, x) => x)"));
  }

  // ------------------------------------------------------------------ literals

  @Test
  void literalTyping() {
    assertEquals(integer(42), expr("42"));
    assertEquals(integer(Integer.MAX_VALUE), expr("2147483647"));
    assertEquals(new BigintLiteral(P, 2147483648L), expr("2147483648"));
    assertEquals(integer(Integer.MIN_VALUE), expr("-2147483648"));
    assertEquals(new BigintLiteral(P, Long.MAX_VALUE), expr("9223372036854775807"));
    assertEquals(new BigintLiteral(P, Long.MIN_VALUE), expr("-9223372036854775808"));
    assertThrows(SqlSyntaxException.class, () -> expr("9223372036854775808"));
    assertEquals(new DecimalLiteral(P, new BigDecimal("1.50")), expr("1.50"));
    assertEquals(2, ((DecimalLiteral) expr("1.50")).value().scale());
    assertEquals(new DecimalLiteral(P, new BigDecimal("0.5")), expr(".5"));
    assertEquals(new DoubleLiteral(P, 150.0), expr("1.5E2"));
    assertEquals(new DoubleLiteral(P, -0.015), expr("-1.5e-2"));
    assertThrows(SqlSyntaxException.class, () -> expr("1.7976931348623159E308"));
    assertEquals(new StringLiteral(P, "it's"), expr("'it''s'"));
    assertEquals(new StringLiteral(P, "\\\""), expr("'\\\"'"));
    assertEquals(new BooleanLiteral(P, true), expr("true"));
    assertEquals(new BooleanLiteral(P, false), expr("FALSE"));
    assertEquals(new NullLiteral(P), expr("null"));
    assertEquals(5, ((Literal) expr("5")).asObject());
    assertEquals(null, ((Literal) expr("NULL")).asObject());
  }

  @Test
  void minusOnlyFoldsIntoADirectNumber() {
    assertEquals(new ArithmeticUnary(P, ArithmeticUnary.Sign.MINUS, integer(-5)), expr("-(-5)"));
    assertEquals(new ArithmeticUnary(P, ArithmeticUnary.Sign.PLUS, integer(5)), expr("+5"));
    assertEquals(new ArithmeticBinary(P, ArithmeticBinary.Op.SUBTRACT, col("A"), integer(-1)),
        expr("a - -1"));
  }

  // ------------------------------------------------------------------ identifiers

  @Test
  void unquotedIdentifiersAreUpperCasedQuotedOnesKeepTheirCase() {
    assertEquals(new ColumnRef(P, Optional.empty(), new Identifier(P, "MIXEDCASE", false)),
        expr("MixedCase"));
    ColumnRef quoted = (ColumnRef) expr("`MixedCase`");
    assertEquals("MixedCase", quoted.name().value());
    assertTrue(quoted.name().quoted());
    assertEquals("Dq", ((ColumnRef) expr("\"Dq\"")).name().value());
    assertEquals("a`b", ((ColumnRef) expr("`a``b`")).name().value());
    assertEquals("FROM", ((ColumnRef) expr("`FROM`")).name().value());
    assertEquals("@TIMESTAMP", ((ColumnRef) expr("`@TIMESTAMP`")).name().value());
    assertThrows(SqlSyntaxException.class, () -> expr("``"));
  }

  @Test
  void identifierEqualityIgnoresQuotingAndPosition() {
    assertEquals(expr("col"), expr("`COL`"));
    assertNotEquals(expr("col"), expr("`col`"));
    assertEquals(expr("a + b"), expr("\n   a+b"));
  }

  @Test
  void qualifiedColumns() {
    assertEquals(new ColumnRef(P, Optional.of(Identifier.of("SRC")), Identifier.of("COL")),
        expr("src.col"));
    assertEquals(new ColumnRef(P, Optional.of(new Identifier(P, "s", true)),
        new Identifier(P, "c", true)), expr("`s`.`c`"));
  }

  @Test
  void nonReservedKeywordsAreNames() {
    for (String word : List.of("key", "size", "value", "timestamp", "date", "time", "type",
        "topic", "source", "stream", "table", "session", "window_start", "map", "array",
        "struct", "headers", "header", "replace", "show", "list", "print", "set", "define")) {
      assertEquals(col(word.toUpperCase()), expr(word), word);
    }
    assertEquals(new Subscript(P, col("MAP"), new StringLiteral(P, "k")), expr("map['k']"));
    assertEquals(new Dereference(P, col("STRUCT"), Identifier.of("X")), expr("struct->x"));
  }

  @Test
  void reservedWordsAreNotNames() {
    for (String word : List.of("select", "from", "where", "and", "join", "case", "by", "emit")) {
      assertThrows(SqlSyntaxException.class, () -> expr(word + " + 1"), word);
    }
  }

  @Test
  void commentsAreIgnored() {
    assertEquals(expr("a + b"), expr("a -- the first\n + /* the * second */ b /**/"));
    assertEquals("line 1:13: unterminated comment",
        assertThrows(SqlSyntaxException.class, () -> expr("a + /* b */ /* c * / d"))
            .getMessage());
  }

  @Test
  void positionsAreLineAndColumnOfTheNodesFirstToken() {
    ArithmeticBinary add = assertInstanceOf(ArithmeticBinary.class, expr("\n  a +\n\tf(b)"));
    assertEquals("2:3", add.pos().toString());
    FunctionCall call = (FunctionCall) add.right();
    assertEquals(3, call.pos().line());
    assertEquals(2, call.pos().column());
    assertEquals("3:4", call.arguments().get(0).pos().toString());
  }
}

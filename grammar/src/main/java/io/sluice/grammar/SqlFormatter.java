package io.sluice.grammar;

import io.sluice.grammar.ast.*;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Prints expressions, types and names back as SQL that parses to an equal AST: keywords
 * upper-case, names back-quoted only when needed, parentheses only where precedence needs them.
 * E.g. {@code (a+b)*c} prints as {@code (A + B) * C}.
 */
public final class SqlFormatter {
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Z_][A-Z0-9_@]*");
  /** Words that cannot be an unquoted name (reserved keywords), or are risky (time units). */
  private static final Set<String> NEEDS_QUOTES = needsQuotes();

  // Precedence levels, loosest first.
  private static final int OR = 1;
  private static final int AND = 2;
  private static final int NOT = 3;
  private static final int PREDICATE = 4;
  private static final int CONCAT = 5;
  private static final int ADDITIVE = 6;
  private static final int MULTIPLICATIVE = 7;
  private static final int UNARY = 8;
  private static final int PRIMARY = 9;

  private SqlFormatter() {}

  /** The expression as SQL. */
  public static String format(Expression expression) {
    if (expression instanceof StringLiteral s) {
      return quote(s.value(), '\'');
    }
    if (expression instanceof IntegerLiteral i) {
      return Integer.toString(i.value());
    }
    if (expression instanceof BigintLiteral b) {
      return Long.toString(b.value());
    }
    if (expression instanceof DecimalLiteral d) {
      return decimal(d.value());
    }
    if (expression instanceof DoubleLiteral d) {
      return doubleLiteral(d.value());
    }
    if (expression instanceof BooleanLiteral b) {
      return b.value() ? "TRUE" : "FALSE";
    }
    if (expression instanceof NullLiteral) {
      return "NULL";
    }
    if (expression instanceof ColumnRef c) {
      return c.source().map(s -> format(s) + ".").orElse("") + format(c.name());
    }
    if (expression instanceof LambdaVariable v) {
      return format(v.name());
    }
    if (expression instanceof ArithmeticUnary u) {
      // Never "--x" (a comment) or "+-x": parenthesize a signed operand.
      String operand = operand(u.operand(), UNARY);
      return u.sign().symbol() + (operand.startsWith("-") || operand.startsWith("+")
          ? "(" + operand + ")" : operand);
    }
    if (expression instanceof ArithmeticBinary b) {
      return binary(b.left(), b.op().symbol(), b.right(),
          b.op() == ArithmeticBinary.Op.ADD || b.op() == ArithmeticBinary.Op.SUBTRACT
              ? ADDITIVE : MULTIPLICATIVE);
    }
    if (expression instanceof Concat c) {
      return binary(c.left(), "||", c.right(), CONCAT);
    }
    if (expression instanceof Comparison c) {
      return operand(c.left(), CONCAT) + " " + c.op().symbol() + " "
          + operand(c.right(), CONCAT);
    }
    if (expression instanceof LogicalBinary l) {
      return binary(l.left(), l.op().name(), l.right(),
          l.op() == LogicalBinary.Op.AND ? AND : OR);
    }
    if (expression instanceof Not n) {
      return "NOT " + operand(n.operand(), NOT);
    }
    if (expression instanceof Between b) {
      return operand(b.value(), CONCAT) + (b.negated() ? " NOT" : "") + " BETWEEN "
          + operand(b.lower(), CONCAT) + " AND " + operand(b.upper(), CONCAT);
    }
    if (expression instanceof InList in) {
      return operand(in.value(), CONCAT) + (in.negated() ? " NOT" : "") + " IN ("
          + join(in.list(), SqlFormatter::format) + ")";
    }
    if (expression instanceof Like l) {
      return operand(l.value(), CONCAT) + (l.negated() ? " NOT" : "") + " LIKE "
          + operand(l.pattern(), CONCAT)
          + l.escape().map(c -> " ESCAPE " + quote(String.valueOf(c), '\'')).orElse("");
    }
    if (expression instanceof IsNull n) {
      return operand(n.value(), CONCAT) + (n.negated() ? " IS NOT NULL" : " IS NULL");
    }
    if (expression instanceof IsDistinctFrom d) {
      return operand(d.left(), CONCAT)
          + (d.negated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ")
          + operand(d.right(), CONCAT);
    }
    if (expression instanceof SearchedCase c) {
      return "CASE" + whens(c.whens())
          + c.elseValue().map(e -> " ELSE " + format(e)).orElse("") + " END";
    }
    if (expression instanceof SimpleCase c) {
      return "CASE " + format(c.operand()) + whens(c.whens())
          + c.elseValue().map(e -> " ELSE " + format(e)).orElse("") + " END";
    }
    if (expression instanceof Cast c) {
      return "CAST(" + format(c.expression()) + " AS " + format(c.type()) + ")";
    }
    if (expression instanceof ArrayConstructor a) {
      return "ARRAY[" + join(a.elements(), SqlFormatter::format) + "]";
    }
    if (expression instanceof MapConstructor m) {
      return "MAP(" + join(m.entries(),
          e -> format(e.key()) + " := " + format(e.value())) + ")";
    }
    if (expression instanceof StructConstructor s) {
      return "STRUCT(" + join(s.fields(),
          f -> format(f.name()) + " := " + format(f.value())) + ")";
    }
    if (expression instanceof Subscript s) {
      return operand(s.base(), PRIMARY) + "[" + operand(s.index(), CONCAT) + "]";
    }
    if (expression instanceof Dereference d) {
      return operand(d.base(), PRIMARY) + "->" + format(d.field());
    }
    if (expression instanceof FunctionCall f) {
      return format(f.name()) + "("
          + (f.star() ? "*" : join(f.arguments(), SqlFormatter::format)) + ")";
    }
    if (expression instanceof Lambda l) {
      return (l.parameters().size() == 1 ? format(l.parameters().get(0))
          : "(" + join(l.parameters(), SqlFormatter::format) + ")") + " => " + format(l.body());
    }
    if (expression instanceof IntervalUnit u) {
      return u.unit().name();
    }
    throw new IllegalArgumentException("unknown node " + expression.getClass());
  }

  /** The type as SQL, e.g. {@code MAP<STRING, ARRAY<DECIMAL(4, 2)>>}. */
  public static String format(Type type) {
    if (type instanceof PrimitiveType p) {
      return p.kind().name();
    }
    if (type instanceof DecimalType d) {
      return "DECIMAL(" + d.precision() + ", " + d.scale() + ")";
    }
    if (type instanceof ArrayType a) {
      return "ARRAY<" + format(a.element()) + ">";
    }
    if (type instanceof MapType m) {
      return "MAP<" + format(m.key()) + ", " + format(m.value()) + ">";
    }
    if (type instanceof StructType s) {
      return "STRUCT<" + join(s.fields(),
          f -> format(f.name()) + " " + format(f.type())) + ">";
    }
    if (type instanceof NamedType n) {
      return format(n.name());
    }
    throw new IllegalArgumentException("unknown node " + type.getClass());
  }

  /** A name, back-quoted when it would not read back the same unquoted. */
  public static String format(Identifier identifier) {
    String value = identifier.value();
    if (PLAIN_NAME.matcher(value).matches() && !NEEDS_QUOTES.contains(value)) {
      return value;
    }
    return quote(value, '`');
  }

  /** {@code n UNIT}, e.g. {@code 10 SECONDS}. */
  public static String format(TimeSpan span) {
    return span.value() + " " + span.unit().name();
  }

  private static String binary(Expression left, String op, Expression right, int precedence) {
    // Left-associative: a right operand of the same precedence needs parentheses.
    return operand(left, precedence) + " " + op + " " + operand(right, precedence + 1);
  }

  /** {@code e}, parenthesized if it binds looser than {@code minimum}. */
  private static String operand(Expression e, int minimum) {
    String text = format(e);
    return precedence(e) < minimum ? "(" + text + ")" : text;
  }

  private static int precedence(Expression e) {
    if (e instanceof LogicalBinary l) {
      return l.op() == LogicalBinary.Op.AND ? AND : OR;
    } else if (e instanceof Not) {
      return NOT;
    } else if (e instanceof Comparison || e instanceof Between || e instanceof InList
        || e instanceof Like || e instanceof IsNull || e instanceof IsDistinctFrom) {
      return PREDICATE;
    } else if (e instanceof Concat) {
      return CONCAT;
    } else if (e instanceof ArithmeticBinary b) {
      return b.op() == ArithmeticBinary.Op.ADD || b.op() == ArithmeticBinary.Op.SUBTRACT
          ? ADDITIVE : MULTIPLICATIVE;
    } else if (e instanceof ArithmeticUnary) {
      return UNARY;
    } else if (e instanceof Lambda) {
      return OR - 1;
    } else if (e instanceof Literal literal && SqlFormatter.format(literal).startsWith("-")) {
      return UNARY; // a negative number
    }
    return PRIMARY;
  }

  private static String whens(List<WhenClause> whens) {
    return whens.stream()
        .map(w -> " WHEN " + format(w.condition()) + " THEN " + format(w.result()))
        .collect(Collectors.joining());
  }

  private static <T> String join(List<T> items, Function<T, String> formatter) {
    return items.stream().map(formatter).collect(Collectors.joining(", "));
  }

  private static String quote(String text, char quote) {
    String q = String.valueOf(quote);
    return q + text.replace(q, q + q) + q;
  }

  private static String decimal(BigDecimal value) {
    // Always with a decimal point, so that it reads back as a DECIMAL and not an INT.
    return value.scale() > 0 ? value.toPlainString() : value.setScale(0).toPlainString() + ".";
  }

  private static String doubleLiteral(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "CAST('" + (Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity")
          + "' AS DOUBLE)";
    }
    // Always with an exponent, so that it reads back as a DOUBLE and not a DECIMAL.
    if (value == 0) {
      return 1 / value < 0 ? "-0E0" : "0E0";
    }
    String text = new BigDecimal(Double.toString(value)).stripTrailingZeros().toString();
    return text.contains("E") ? text : text + "E0";
  }

  private static Set<String> needsQuotes() {
    Vocabulary vocabulary = SluiceSqlLexer.VOCABULARY;
    ATN atn = SluiceSqlParser._ATN;
    IntervalSet nonReserved =
        atn.nextTokens(atn.ruleToStartState[SluiceSqlParser.RULE_nonReserved]);
    Set<String> words = new HashSet<>();
    for (int type = 1; type <= vocabulary.getMaxTokenType(); type++) {
      String literal = vocabulary.getLiteralName(type);
      if (literal != null && Character.isLetter(literal.charAt(1))
          && !nonReserved.contains(type)) {
        words.add(literal.substring(1, literal.length() - 1).toUpperCase(Locale.ROOT));
      }
    }
    for (TimeUnit unit : List.of(TimeUnit.MILLISECONDS, TimeUnit.SECONDS, TimeUnit.MINUTES,
        TimeUnit.HOURS, TimeUnit.DAYS)) {
      String plural = unit.name();
      words.add(plural);
      words.add(plural.substring(0, plural.length() - 1));
    }
    return Set.copyOf(words);
  }
}

package io.sluice.grammar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns the first ANTLR syntax error into a {@link SqlSyntaxException} with a short, readable
 * list of what was expected instead of ANTLR's full token set.
 */
final class SyntaxErrors extends BaseErrorListener {
  static final SyntaxErrors INSTANCE = new SyntaxErrors();

  private static final int MAX_EXPECTED = 8;
  private static final int MAX_TOKEN_TEXT = 40;

  /** Tokens after a complete value that continue it: collapsed into "an operator". */
  private static final IntervalSet OPERATORS = new IntervalSet(
      SluiceSqlParser.EQ, SluiceSqlParser.NEQ, SluiceSqlParser.LT, SluiceSqlParser.LTE,
      SluiceSqlParser.GT, SluiceSqlParser.GTE, SluiceSqlParser.PLUS, SluiceSqlParser.MINUS,
      SluiceSqlParser.ASTERISK, SluiceSqlParser.SLASH, SluiceSqlParser.PERCENT,
      SluiceSqlParser.CONCAT, SluiceSqlParser.ARROW, SluiceSqlParser.LBRACKET,
      SluiceSqlParser.NOT, SluiceSqlParser.IS, SluiceSqlParser.IN, SluiceSqlParser.LIKE,
      SluiceSqlParser.BETWEEN);

  private static final ATN ATN = SluiceSqlParser._ATN;
  private static final IntervalSet IDENTIFIER_START =
      ATN.nextTokens(ATN.ruleToStartState[SluiceSqlParser.RULE_identifier]);
  private static final IntervalSet EXPRESSION_START =
      ATN.nextTokens(ATN.ruleToStartState[SluiceSqlParser.RULE_expression]);
  private static final IntervalSet VALUE_START =
      ATN.nextTokens(ATN.ruleToStartState[SluiceSqlParser.RULE_valueExpression]);
  private static final IntervalSet TIME_UNITS =
      ATN.nextTokens(ATN.ruleToStartState[SluiceSqlParser.RULE_timeUnit]);

  /** Keywords listed first, in this order (roughly a statement's); the others follow A-Z. */
  private static final List<String> KEYWORD_PRIORITY = List.of("SELECT", "CREATE", "INSERT",
      "FROM", "AS", "JOIN", "ON", "WITHIN", "WINDOW", "WHERE", "GROUP", "PARTITION", "HAVING",
      "EMIT", "LIMIT", "WITH", "BY", "WHEN", "THEN", "ELSE", "END");

  private SyntaxErrors() {}

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
      int charPositionInLine, String msg, RecognitionException e) {
    int column = charPositionInLine + 1;
    if (!(recognizer instanceof Parser parser) || !(offendingSymbol instanceof Token token)) {
      // The lexer never fails (UNRECOGNIZED takes any character), but be safe.
      throw new SqlSyntaxException(line, column, null, List.of(), msg);
    }
    String lexical = lexicalProblem(token);
    if (lexical != null) {
      throw new SqlSyntaxException(line, column, token.getText(), List.of(), lexical);
    }
    List<String> expected;
    if (e instanceof NoViableAltException nva
        && nva.getStartToken().getTokenIndex() != token.getTokenIndex()) {
      // The set at the decision describes its first token, not this one: say nothing rather
      // than something wrong.
      expected = List.of();
    } else {
      IntervalSet set = new IntervalSet(
          e != null ? e.getExpectedTokens() : parser.getExpectedTokens());
      if (parser.getErrorHandler() instanceof TrackingErrorStrategy tracking) {
        set.addAll(tracking.expectedBefore(parser, token));
      }
      expected = describe(set, parser.getVocabulary());
    }
    String at = token.getType() == Token.EOF ? "end of input" : "'" + shorten(token.getText()) + "'";
    StringBuilder detail = new StringBuilder("syntax error at ").append(at);
    if (!expected.isEmpty()) {
      detail.append(": expected ").append(joinExpected(expected));
    }
    throw new SqlSyntaxException(line, column,
        token.getType() == Token.EOF ? null : token.getText(), expected, detail.toString());
  }

  private static String lexicalProblem(Token token) {
    return switch (token.getType()) {
      case SluiceSqlLexer.UNTERMINATED_STRING -> "unterminated string literal";
      case SluiceSqlLexer.UNTERMINATED_QUOTED_IDENTIFIER -> "unterminated quoted identifier";
      case SluiceSqlLexer.UNTERMINATED_COMMENT -> "unterminated comment";
      case SluiceSqlLexer.UNRECOGNIZED -> "unexpected character '" + token.getText() + "'";
      case SluiceSqlLexer.VARIABLE_REFERENCE -> "variable reference " + token.getText()
          + " was not substituted (see Variables.substitute)";
      default -> null;
    };
  }

  /** A short description of an expected-token set, most useful entries first. */
  static List<String> describe(IntervalSet set, Vocabulary vocabulary) {
    IntervalSet rest = new IntervalSet(set);
    List<String> keywords = new ArrayList<>();
    List<String> punctuation = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    boolean endOfInput = rest.contains(Token.EOF);
    rest.remove(Token.EOF);
    if (containsAll(rest, VALUE_START)) {
      classes.add("an expression");
      rest = rest.subtract(EXPRESSION_START);
    } else if (rest.contains(SluiceSqlParser.IDENTIFIER)) {
      classes.add("an identifier");
      rest = rest.subtract(IDENTIFIER_START);
    }
    if (containsAll(rest, TIME_UNITS)) {
      classes.add("a time unit");
      rest = rest.subtract(TIME_UNITS);
    }
    if (rest.and(OPERATORS).size() >= 5) {
      classes.add("an operator");
      rest = rest.subtract(OPERATORS);
    }
    boolean integer = false;
    boolean number = false;
    for (int type : rest.toList()) {
      switch (type) {
        case SluiceSqlParser.STRING -> classes.add(0, "a string");
        case SluiceSqlParser.INTEGER_VALUE -> integer = true;
        case SluiceSqlParser.DECIMAL_VALUE, SluiceSqlParser.FLOATING_POINT_VALUE -> number = true;
        case SluiceSqlParser.BACKQUOTED_IDENTIFIER, SluiceSqlParser.QUOTED_IDENTIFIER -> { }
        default -> {
          String literal = vocabulary.getLiteralName(type);
          if (literal == null) {
            classes.add(vocabulary.getDisplayName(type));
          } else if (Character.isLetter(literal.charAt(1))) {
            keywords.add(literal.substring(1, literal.length() - 1));
          } else {
            punctuation.add(literal);
          }
        }
      }
    }
    if (number || integer) {
      classes.add(0, number ? "a number" : "an integer");
    }
    keywords.sort(Comparator.comparingInt(SyntaxErrors::keywordRank)
        .thenComparing(Comparator.naturalOrder()));
    if (endOfInput) {
      classes.add("end of input");
    }
    // Keywords and punctuation first; when too many, cut them but keep the classes.
    List<String> specific = new ArrayList<>(keywords);
    specific.addAll(punctuation);
    boolean cut = specific.size() + classes.size() > MAX_EXPECTED;
    if (cut) {
      specific = specific.subList(0, Math.max(0, MAX_EXPECTED - 1 - classes.size()));
    }
    List<String> all = new ArrayList<>(specific);
    all.addAll(classes);
    if (cut) {
      all.add("...");
    }
    return List.copyOf(all);
  }

  private static int keywordRank(String keyword) {
    int rank = KEYWORD_PRIORITY.indexOf(keyword);
    return rank < 0 ? KEYWORD_PRIORITY.size() : rank;
  }

  private static boolean containsAll(IntervalSet set, IntervalSet subset) {
    return subset.subtract(set).isNil();
  }

  static String joinExpected(List<String> expected) {
    if (expected.size() == 1) {
      return expected.get(0);
    }
    if (expected.size() == 2) {
      return expected.get(0) + " or " + expected.get(1);
    }
    return "one of: " + String.join(", ", expected);
  }

  private static String shorten(String text) {
    return text.length() <= MAX_TOKEN_TEXT ? text : text.substring(0, MAX_TOKEN_TEXT - 3) + "...";
  }
}

package io.sluice.grammar;

import io.sluice.grammar.SluiceSqlParser.ScriptContext;
import io.sluice.grammar.SluiceSqlParser.StatementContext;
import io.sluice.grammar.ast.DefineVariable;
import io.sluice.grammar.ast.Expression;
import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.Statement;
import io.sluice.grammar.ast.Type;
import io.sluice.grammar.ast.UndefineVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses ksqlDB-dialect SQL into the AST of {@link io.sluice.grammar.ast}. Stateless and
 * thread-safe. Every method throws {@link SqlSyntaxException} for text it rejects, with the
 * line and column of the first problem.
 */
public final class SqlParser {
  private SqlParser() {}

  /**
   * Parses exactly one statement; a trailing {@code ;} is allowed.
   *
   * @throws SqlSyntaxException if the text is not one valid statement
   */
  public static Statement parseStatement(String sql) {
    SluiceSqlParser.SingleStatementContext tree = parse(sql, SluiceSqlParser::singleStatement);
    return new StatementBuilder().build(tree.statement());
  }

  /**
   * Parses a script: statements separated by {@code ;} (the last one may omit it; empty
   * statements are skipped). The text may not contain {@code ${variable}} references: use
   * {@link #parseScript(String, Map)} for that.
   *
   * @return the statements in order, each with its exact source text and position
   * @throws SqlSyntaxException at the first error, anywhere in the script
   */
  public static List<ParsedStatement> parseScript(String sql) {
    ScriptContext tree = parse(sql, SluiceSqlParser::script);
    List<ParsedStatement> result = new ArrayList<>();
    for (StatementContext ctx : tree.statement()) {
      result.add(new ParsedStatement(new StatementBuilder().build(ctx), text(ctx),
          Trees.pos(ctx)));
    }
    return List.copyOf(result);
  }

  /**
   * Parses a script whose statements may reference variables as {@code ${name}}, the way a
   * ksqlDB session runs one: statement by statement, each substituted with
   * {@link Variables#substitute} before it is parsed, starting from {@code variables} and
   * applying the script's own {@code DEFINE} and {@code UNDEFINE} statements as they come.
   * The caller's map is not modified.
   *
   * <p>Positions are those in {@code sql}; on a line after a substitution that changed its
   * length, columns are those of the substituted text.
   *
   * @return the statements in order; each {@link ParsedStatement#text()} is the substituted text
   * @throws SqlSyntaxException at the first error or unknown variable
   */
  public static List<ParsedStatement> parseScript(String sql, Map<String, String> variables) {
    Map<String, String> scope = new HashMap<>();
    variables.forEach((name, value) -> scope.put(Variables.normalize(name), value));
    List<ParsedStatement> result = new ArrayList<>();
    for (Chunk chunk : split(sql)) {
      // Pad so that positions in the substituted text are those of the script.
      String padding = "\n".repeat(chunk.pos.line() - 1) + " ".repeat(chunk.pos.column() - 1);
      String text = Variables.substitute(padding + chunk.text, scope)
          .substring(padding.length());
      SluiceSqlParser.SingleStatementContext tree =
          parse(padding + text, SluiceSqlParser::singleStatement);
      Statement statement = new StatementBuilder().build(tree.statement());
      if (statement instanceof DefineVariable define) {
        scope.put(Variables.normalize(define.name()), define.value());
      } else if (statement instanceof UndefineVariable undefine) {
        scope.remove(Variables.normalize(undefine.name()));
      }
      result.add(new ParsedStatement(statement, text, chunk.pos));
    }
    return List.copyOf(result);
  }

  /**
   * Parses one expression, as it may appear in a select list.
   *
   * @throws SqlSyntaxException if the text is not one valid expression
   */
  public static Expression parseExpression(String sql) {
    SluiceSqlParser.StandaloneExpressionContext tree =
        parse(sql, SluiceSqlParser::standaloneExpression);
    return new StatementBuilder().expressions().build(tree.expression());
  }

  /**
   * Parses one type, e.g. {@code MAP<STRING, ARRAY<DECIMAL(4, 2)>>}.
   *
   * @throws SqlSyntaxException if the text is not one valid type
   */
  public static Type parseType(String sql) {
    SluiceSqlParser.StandaloneTypeContext tree = parse(sql, SluiceSqlParser::standaloneType);
    return new TypeBuilder().build(tree.type());
  }

  /**
   * Runs {@code rule}: first with fast SLL prediction, bailing out at the first error, and,
   * only if that fails, again with full LL prediction and error reporting (the standard ANTLR
   * two-stage strategy: SLL is enough for nearly every valid input).
   */
  private static <T extends ParserRuleContext> T parse(String sql,
      Function<SluiceSqlParser, T> rule) {
    Objects.requireNonNull(sql, "sql");
    SluiceSqlLexer lexer = new SluiceSqlLexer(CharStreams.fromString(sql));
    lexer.removeErrorListeners();
    lexer.addErrorListener(SyntaxErrors.INSTANCE);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    SluiceSqlParser parser = new SluiceSqlParser(tokens);
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    try {
      return rule.apply(parser);
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      parser.reset();
      parser.addErrorListener(SyntaxErrors.INSTANCE);
      parser.setErrorHandler(new TrackingErrorStrategy());
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      return rule.apply(parser);
    }
  }

  private static String text(ParserRuleContext ctx) {
    CharStream input = ctx.getStart().getInputStream();
    return input.getText(Interval.of(ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex()));
  }

  private record Chunk(String text, Pos pos) {}

  /**
   * Splits a script at the {@code ;} tokens (so not inside strings, quoted identifiers or
   * comments), without parsing; empty statements are dropped.
   */
  private static List<Chunk> split(String sql) {
    Objects.requireNonNull(sql, "sql");
    SluiceSqlLexer lexer = new SluiceSqlLexer(CharStreams.fromString(sql));
    lexer.removeErrorListeners();
    lexer.addErrorListener(SyntaxErrors.INSTANCE);
    CharStream input = lexer.getInputStream();
    List<Chunk> chunks = new ArrayList<>();
    Token first = null;
    Token last = null;
    for (Token token = lexer.nextToken(); ; token = lexer.nextToken()) {
      int type = token.getType();
      if (type == Token.EOF || type == SluiceSqlLexer.SEMICOLON) {
        if (first != null) {
          chunks.add(new Chunk(
              input.getText(Interval.of(first.getStartIndex(), last.getStopIndex())),
              Trees.pos(first)));
        }
        if (type == Token.EOF) {
          return chunks;
        }
        first = null;
      } else if (token.getChannel() == Token.DEFAULT_CHANNEL) {
        if (first == null) {
          first = token;
        }
        last = token;
      }
    }
  }
}

package io.sluice.grammar;

import io.sluice.grammar.SluiceSqlParser.IdentifierContext;
import io.sluice.grammar.SluiceSqlParser.TimeSpanContext;
import io.sluice.grammar.SluiceSqlParser.TimeUnitContext;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.TimeSpan;
import java.math.BigInteger;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Small helpers shared by the AST builders: positions, names, string and number tokens. */
final class Trees {
  private Trees() {}

  static Pos pos(Token token) {
    return new Pos(token.getLine(), token.getCharPositionInLine() + 1);
  }

  static Pos pos(ParserRuleContext ctx) {
    return pos(ctx.getStart());
  }

  static SqlSyntaxException error(Token token, String detail) {
    return new SqlSyntaxException(pos(token), token.getText(), detail);
  }

  static SqlSyntaxException error(ParserRuleContext ctx, String detail) {
    return new SqlSyntaxException(pos(ctx), ctx.getStart().getText(), detail);
  }

  /** An identifier: unquoted names upper-cased, quoted ones unescaped and kept as written. */
  static Identifier identifier(IdentifierContext ctx) {
    Token token = ctx.getStart();
    String text = token.getText();
    return switch (token.getType()) {
      case SluiceSqlLexer.BACKQUOTED_IDENTIFIER -> quoted(token, unquote(text, '`'));
      case SluiceSqlLexer.QUOTED_IDENTIFIER -> quoted(token, unquote(text, '"'));
      default -> new Identifier(pos(token), text.toUpperCase(Locale.ROOT), false);
    };
  }

  private static Identifier quoted(Token token, String value) {
    if (value.isEmpty()) {
      throw error(token, "empty quoted identifier");
    }
    return new Identifier(pos(token), value, true);
  }

  /** The content of a STRING token: quotes removed, {@code ''} unescaped. */
  static String string(Token token) {
    return unquote(token.getText(), '\'');
  }

  private static String unquote(String text, char quote) {
    String inner = text.substring(1, text.length() - 1);
    String doubled = String.valueOf(quote) + quote;
    return inner.indexOf(doubled) < 0 ? inner : inner.replace(doubled, String.valueOf(quote));
  }

  /** A non-negative INTEGER_VALUE token that must fit an int. */
  static int nonNegativeInt(Token token, String what) {
    BigInteger value = new BigInteger(token.getText());
    if (value.bitLength() > 31) {
      throw error(token, what + " is too large: " + token.getText());
    }
    return value.intValue();
  }

  static TimeUnit timeUnit(TimeUnitContext ctx) {
    return switch (ctx.getStart().getType()) {
      case SluiceSqlLexer.MILLISECOND, SluiceSqlLexer.MILLISECONDS -> TimeUnit.MILLISECONDS;
      case SluiceSqlLexer.SECOND, SluiceSqlLexer.SECONDS -> TimeUnit.SECONDS;
      case SluiceSqlLexer.MINUTE, SluiceSqlLexer.MINUTES -> TimeUnit.MINUTES;
      case SluiceSqlLexer.HOUR, SluiceSqlLexer.HOURS -> TimeUnit.HOURS;
      case SluiceSqlLexer.DAY, SluiceSqlLexer.DAYS -> TimeUnit.DAYS;
      default -> throw error(ctx, "not a time unit");
    };
  }

  static TimeSpan timeSpan(TimeSpanContext ctx) {
    Token number = ctx.INTEGER_VALUE().getSymbol();
    BigInteger value = new BigInteger(number.getText());
    if (value.bitLength() > 63) {
      throw error(number, "time span is too large: " + number.getText());
    }
    return new TimeSpan(pos(ctx), value.longValue(), timeUnit(ctx.timeUnit()));
  }
}

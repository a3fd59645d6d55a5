package io.sluice.engine.expr;

import io.sluice.grammar.ast.BigintLiteral;
import io.sluice.grammar.ast.ColumnRef;
import io.sluice.grammar.ast.Expression;
import io.sluice.grammar.ast.StringLiteral;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ksqlDB's "magic" timestamps: a STRING literal compared with ROWTIME, WINDOWSTART or WINDOWEND
 * (BIGINT epoch milliseconds) is read as a timestamp, {@code yyyy-MM-dd'T'HH:mm:ss.SSS} of which
 * any tail may be left out (it defaults to the start of the period), with an optional offset
 * ({@code Z}, {@code +hhmm} or {@code +hh:mm}; UTC when absent). Stateless.
 */
final class PseudoTimestamps {

  private static final Set<String> PSEUDO = Set.of("ROWTIME", "WINDOWSTART", "WINDOWEND");
  private static final Pattern TIMESTAMP = Pattern.compile(
      "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2})(?::(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?)?)?)?)?"
          + "(Z|[+-]\\d{2}:?\\d{2})?");

  private PseudoTimestamps() {}

  /** Whether {@code e} is a reference to ROWTIME, WINDOWSTART or WINDOWEND. */
  static boolean isPseudoTimestamp(Expression e) {
    return e instanceof ColumnRef ref && PSEUDO.contains(ref.name().value());
  }

  /**
   * {@code operand} as compared with a pseudo timestamp column: a STRING literal becomes the
   * BIGINT literal of its epoch milliseconds; anything else is returned as is.
   *
   * @throws ExpressionTypeException when the string is not a timestamp
   */
  static Expression asEpochMillis(Expression operand) {
    if (!(operand instanceof StringLiteral s)) {
      return operand;
    }
    Matcher m = TIMESTAMP.matcher(s.value().trim());
    if (!m.matches()) {
      throw new ExpressionTypeException(s.pos(), "Failed to parse timestamp '" + s.value()
          + "': write it as yyyy-MM-dd'T'HH:mm:ss.SSS (a tail may be left out), optionally"
          + " with an offset such as +0000");
    }
    LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), part(m.group(2), 1),
        part(m.group(3), 1), part(m.group(4), 0), part(m.group(5), 0), part(m.group(6), 0),
        millis(m.group(7)) * 1_000_000);
    ZoneOffset offset = m.group(8) == null ? ZoneOffset.UTC
        : ZoneOffset.of(m.group(8).length() == 5 ? m.group(8).substring(0, 3) + ":"
            + m.group(8).substring(3) : m.group(8));
    return new BigintLiteral(s.pos(), t.toInstant(offset).toEpochMilli());
  }

  private static int part(String digits, int absent) {
    return digits == null ? absent : Integer.parseInt(digits);
  }

  private static int millis(String digits) {
    if (digits == null) {
      return 0;
    }
    // ".5" is 500 ms, as a decimal fraction of the second.
    return Integer.parseInt((digits + "00").substring(0, 3));
  }
}

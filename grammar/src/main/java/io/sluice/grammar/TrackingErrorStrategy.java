package io.sluice.grammar;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's default strategy, plus what a good "expected ..." list needs: when the parser skips
 * optional parts before failing (e.g. {@code SELECT * FROM t x y} skips WINDOW, WHERE, GROUP BY,
 * ... at {@code y} and fails only at the end of the statement), ANTLR reports just the tokens
 * expected where it failed. This strategy remembers the first place where the parser looked at
 * the failing token and could have taken an optional part, so that those tokens are reported
 * too.
 */
final class TrackingErrorStrategy extends DefaultErrorStrategy {
  private int trackedTokenIndex = -1;
  private int firstSkipState = -1;
  private ParserRuleContext firstSkipContext;

  @Override
  public void sync(Parser recognizer) {
    int index = recognizer.getInputStream().index();
    if (index != trackedTokenIndex) {
      trackedTokenIndex = index;
      firstSkipContext = null;
    }
    if (firstSkipContext == null) {
      ATN atn = recognizer.getATN();
      IntervalSet next = atn.nextTokens(atn.states.get(recognizer.getState()));
      if (!next.contains(recognizer.getInputStream().LA(1)) && next.contains(Token.EPSILON)) {
        firstSkipState = recognizer.getState();
        firstSkipContext = recognizer.getContext();
      }
    }
    super.sync(recognizer);
  }

  /**
   * The tokens that would have been accepted at {@code token} where the parser first skipped
   * optional parts before it, or an empty set.
   */
  IntervalSet expectedBefore(Parser recognizer, Token token) {
    if (firstSkipContext == null || token.getTokenIndex() != trackedTokenIndex) {
      return new IntervalSet();
    }
    return recognizer.getATN().getExpectedTokens(firstSkipState, firstSkipContext);
  }
}

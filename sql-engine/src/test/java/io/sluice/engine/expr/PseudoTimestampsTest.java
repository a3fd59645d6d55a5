package io.sluice.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.grammar.ast.BigintLiteral;
import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.StringLiteral;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PseudoTimestampsTest {

  private static long millis(String text) {
    return ((BigintLiteral) PseudoTimestamps.asEpochMillis(new StringLiteral(new Pos(1, 1),
        text))).value();
  }

  @Test
  void stringsComparedWithRowtimeAreTimestampsInUtcUnlessTheySayOtherwise() {
    assertEquals(Instant.parse("2018-01-01T00:00:00.001Z").toEpochMilli(),
        millis("2018-01-01T00:00:00.001"));
    assertEquals(Instant.parse("2018-01-01T00:00:01Z").toEpochMilli(),
        millis("2018-01-01T00:00:01"));
    assertEquals(Instant.parse("2018-03-01T00:00:00Z").toEpochMilli(), millis("2018-03"));
    assertEquals(Instant.parse("2020-02-10T07:31:44.500Z").toEpochMilli(),
        millis("2020-02-10T08:31:44.5+0100"));
    assertEquals(Instant.parse("2020-02-10T08:31:44Z").toEpochMilli(),
        millis("2020-02-10T08:31:44Z"));
  }

  @Test
  void aStringThatIsNoTimestampIsAnErrorSayingTheFormat() {
    ExpressionTypeException e = assertThrows(ExpressionTypeException.class,
        () -> millis("yesterday"));
    assertTrue(e.getMessage().contains("yyyy-MM-dd'T'HH:mm:ss.SSS"), e.getMessage());
  }
}

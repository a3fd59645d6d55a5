package io.sluice.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.grammar.ast.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueryParsingTest {

  private static Query query(String sql) {
    return assertInstanceOf(Query.class, SqlParser.parseStatement(sql));
  }

  private static Expression expr(String sql) {
    return SqlParser.parseExpression(sql);
  }

  private static TimeSpan span(long value, TimeUnit unit) {
    return new TimeSpan(Pos.START, value, unit);
  }

  @Test
  void allClausesInOrder() {
    Query q = query("SELECT id, COUNT(*) AS n FROM pv p WINDOW TUMBLING (SIZE 1 HOUR) "
        + "WHERE p.x > 0 GROUP BY id PARTITION BY id HAVING COUNT(*) > 1 EMIT FINAL LIMIT 3");
    assertEquals(2, q.select().size());
    assertEquals(new AliasedSource(Pos.START, Identifier.of("PV"),
        Optional.of(Identifier.of("P"))), q.from());
    assertEquals(Optional.of(new TumblingWindow(Pos.START, span(1, TimeUnit.HOURS),
        Optional.empty(), Optional.empty())), q.window());
    assertEquals(Optional.of(expr("p.x > 0")), q.where());
    assertEquals(List.of(expr("id")), q.groupBy());
    assertEquals(List.of(expr("id")), q.partitionBy());
    assertEquals(Optional.of(expr("COUNT(*) > 1")), q.having());
    assertEquals(Optional.of(Query.EmitKind.FINAL), q.emit());
    assertEquals(OptionalInt.of(3), q.limit());
  }

  @Test
  void minimalQueryHasEmptyOptionalParts() {
    Query q = query("SELECT * FROM s");
    assertEquals(List.of(new AllColumns(Pos.START, Optional.empty())), q.select());
    assertEquals(Optional.empty(), q.window());
    assertEquals(Optional.empty(), q.where());
    assertEquals(List.of(), q.groupBy());
    assertEquals(List.of(), q.partitionBy());
    assertEquals(Optional.empty(), q.having());
    assertEquals(Optional.empty(), q.emit());
    assertEquals(OptionalInt.empty(), q.limit());
  }

  @Test
  void selectItems() {
    Query q = query("SELECT *, s.*, a, b AS bee, c cee, `d` AS `Dee`, v1->*, s.v2->a->* FROM s");
    assertEquals(List.of(
        new AllColumns(Pos.START, Optional.empty()),
        new AllColumns(Pos.START, Optional.of(Identifier.of("S"))),
        new SingleColumn(Pos.START, expr("a"), Optional.empty()),
        new SingleColumn(Pos.START, expr("b"), Optional.of(Identifier.of("BEE"))),
        new SingleColumn(Pos.START, expr("c"), Optional.of(Identifier.of("CEE"))),
        new SingleColumn(Pos.START, expr("`d`"),
            Optional.of(new Identifier(Pos.START, "Dee", true))),
        new AllStructFields(Pos.START, expr("v1")),
        new AllStructFields(Pos.START, expr("s.v2->a"))), q.select());
  }

  @Test
  void aliasesMayBeDigitNamesAndNonReservedKeywords() {
    Query q = query("SELECT ROUND(v, -1) AS 1R, x AS key, y size FROM test");
    assertEquals(List.of("1R", "KEY", "SIZE"), q.select().stream()
        .map(i -> ((SingleColumn) i).alias().orElseThrow().value()).toList());
  }

  @Test
  void groupByAcceptsAParenthesizedList() {
    assertEquals(List.of(expr("f3"), expr("f2"), expr("f1")),
        query("SELECT COUNT(*) FROM t GROUP BY (f3, f2, f1)").groupBy());
    assertEquals(List.of(expr("a + 1"), expr("b")),
        query("SELECT COUNT(*) FROM t GROUP BY a + 1, b").groupBy());
    assertEquals(List.of(expr("name IS NULL")),
        query("SELECT COUNT(*) FROM t GROUP BY (name IS NULL)").groupBy());
    // As in ksqlDB, a bare predicate is not a grouping expression.
    assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("SELECT COUNT(*) FROM t GROUP BY a AND b"));
    assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("SELECT COUNT(*) FROM t GROUP BY f3, (f2, f1)"));
  }

  @Test
  void partitionByMultipleExpressions() {
    assertEquals(List.of(expr("a"), expr("b->c"), expr("AS_VALUE(d)")),
        query("SELECT * FROM s PARTITION BY a, b->c, AS_VALUE(d)").partitionBy());
  }

  @Test
  void windows() {
    assertEquals(Optional.of(new TumblingWindow(Pos.START, span(10, TimeUnit.SECONDS),
        Optional.of(span(2, TimeUnit.DAYS)), Optional.of(span(500, TimeUnit.MILLISECONDS)))),
        query("SELECT * FROM s WINDOW TUMBLING (SIZE 10 SECONDS, RETENTION 2 DAYS, "
            + "GRACE PERIOD 500 MILLISECONDS) GROUP BY a").window());
    assertEquals(Optional.of(new HoppingWindow(Pos.START, span(1, TimeUnit.MINUTES),
        span(30, TimeUnit.SECONDS), Optional.empty(), Optional.of(span(0, TimeUnit.SECONDS)))),
        query("SELECT * FROM s WINDOW HOPPING (SIZE 1 MINUTE, ADVANCE BY 30 SECOND, "
            + "GRACE PERIOD 0 SECONDS) GROUP BY a").window());
    assertEquals(Optional.of(new SessionWindow(Pos.START, span(5, TimeUnit.MINUTES),
        Optional.of(span(1, TimeUnit.HOURS)), Optional.empty())),
        query("SELECT * FROM s WINDOW SESSION (5 MINUTES, RETENTION 1 HOUR) GROUP BY a")
            .window());
    // ksqlDB's optional window name is accepted and ignored.
    assertEquals(Optional.of(new SessionWindow(Pos.START, span(1, TimeUnit.SECONDS),
        Optional.empty(), Optional.empty())),
        query("SELECT * FROM s WINDOW w SESSION (1 SECOND) GROUP BY a").window());
  }

  @Test
  void timeUnitsInEverySpelling() {
    String[][] units = {{"MILLISECOND", "MILLISECONDS"}, {"SECOND", "SECONDS"},
        {"MINUTE", "MINUTES"}, {"HOUR", "HOURS"}, {"DAY", "DAYS"}};
    TimeUnit[] expected = {TimeUnit.MILLISECONDS, TimeUnit.SECONDS, TimeUnit.MINUTES,
        TimeUnit.HOURS, TimeUnit.DAYS};
    for (int i = 0; i < units.length; i++) {
      for (String unit : units[i]) {
        WindowExpr w = query("SELECT * FROM s WINDOW TUMBLING (SIZE 3 " + unit.toLowerCase()
            + ") GROUP BY a").window().orElseThrow();
        assertEquals(span(3, expected[i]), ((TumblingWindow) w).size());
      }
    }
    assertEquals(3_600_000L, span(1, TimeUnit.HOURS).toMillis());
  }

  @Test
  void joins() {
    Query q = query("SELECT * FROM a "
        + "JOIN b ON a.id = b.id "
        + "INNER JOIN c AS cc WITHIN 10 SECONDS ON a.id = cc.id "
        + "LEFT JOIN d WITHIN (1 SECOND, 2 MINUTES) GRACE PERIOD 3 SECONDS ON a.id = d.id "
        + "LEFT OUTER JOIN e ON a.id = e.id "
        + "RIGHT JOIN f ON a.id = f.id RIGHT OUTER JOIN g ON a.id = g.id "
        + "FULL JOIN h ON a.id = h.id FULL OUTER JOIN i ON a.id = i.id");
    // Left-deep: the last join is the root.
    List<Join> joins = new ArrayList<>();
    Relation r = q.from();
    while (r instanceof Join j) {
      joins.add(0, j);
      r = j.left();
    }
    assertEquals(new AliasedSource(Pos.START, Identifier.of("A"), Optional.empty()), r);
    assertEquals(List.of(Join.Kind.INNER, Join.Kind.INNER, Join.Kind.LEFT, Join.Kind.LEFT,
        Join.Kind.RIGHT, Join.Kind.RIGHT, Join.Kind.FULL, Join.Kind.FULL),
        joins.stream().map(Join::kind).toList());
    assertEquals(Optional.empty(), joins.get(0).within());

    Join second = joins.get(1);
    assertEquals(Identifier.of("CC"), second.right().effectiveAlias());
    assertEquals(Identifier.of("C"), second.right().name());
    assertEquals(Optional.of(new Within(Pos.START, span(10, TimeUnit.SECONDS),
        span(10, TimeUnit.SECONDS), Optional.empty())), second.within());
    assertEquals(expr("a.id = cc.id"), second.on());

    assertEquals(Optional.of(new Within(Pos.START, span(1, TimeUnit.SECONDS),
        span(2, TimeUnit.MINUTES), Optional.of(span(3, TimeUnit.SECONDS)))),
        joins.get(2).within());
    assertEquals(Identifier.of("D"), joins.get(2).right().effectiveAlias());
  }

  @Test
  void joinNeedsOn() {
    assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("SELECT * FROM a JOIN b"));
  }

  @Test
  void sourcesMayBeNamedLikeNonReservedKeywords() {
    Query q = query("SELECT topic.key, value FROM topic");
    assertEquals(Identifier.of("TOPIC"), ((AliasedSource) q.from()).name());
    assertTrue(q.select().get(0) instanceof SingleColumn);
  }

  @Test
  void limitMustFitAnInt() {
    assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("SELECT * FROM s LIMIT 99999999999"));
  }
}

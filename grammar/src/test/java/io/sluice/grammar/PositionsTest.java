package io.sluice.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.grammar.ast.*;
import org.junit.jupiter.api.Test;

class PositionsTest {

  @Test
  void everyNodeKnowsWhereItStarts() {
    CreateAsSelect create = (CreateAsSelect) SqlParser.parseStatement(
        "CREATE TABLE out WITH (partitions = 2) AS\n"          // line 1
        + "SELECT l.id, COUNT(*) AS n\n"                         // line 2
        + "FROM left_s l\n"                                      // line 3
        + "  LEFT JOIN right_s r WITHIN 5 SECONDS ON l.id = r.id\n" // line 4
        + "WINDOW HOPPING (SIZE 1 MINUTE, ADVANCE BY 10 SECONDS)\n" // line 5
        + "WHERE r.x IS NOT NULL\n"                              // line 6
        + "GROUP BY l.id;");                                     // line 7
    assertEquals("1:1", create.pos().toString());
    assertEquals("1:14", create.name().pos().toString());
    assertEquals("1:37", create.properties().get("PARTITIONS").pos().toString());
    Query q = create.query();
    assertEquals("2:1", q.pos().toString());
    assertEquals("2:8", q.select().get(0).pos().toString());
    assertEquals("2:14", q.select().get(1).pos().toString());
    assertEquals("2:26", ((SingleColumn) q.select().get(1)).alias().orElseThrow().pos().toString());
    Join join = (Join) q.from();
    assertEquals("4:3", join.pos().toString());
    assertEquals("3:6", join.left().pos().toString());
    assertEquals("4:13", join.right().pos().toString());
    assertEquals("4:23", join.within().orElseThrow().pos().toString());
    assertEquals("4:30", join.within().orElseThrow().before().pos().toString());
    assertEquals("4:43", join.on().pos().toString());
    assertEquals("4:50", ((Comparison) join.on()).right().pos().toString());
    HoppingWindow window = (HoppingWindow) q.window().orElseThrow();
    assertEquals("5:8", window.pos().toString());
    assertEquals("5:43", window.advance().pos().toString());
    assertEquals("6:7", q.where().orElseThrow().pos().toString());
    assertEquals("7:10", q.groupBy().get(0).pos().toString());
  }

  @Test
  void columnsAndTypes() {
    CreateSource create = (CreateSource) SqlParser.parseStatement(
        "CREATE STREAM s (\n  id INT KEY,\n  m MAP<STRING, ARRAY<INT>>\n) WITH (a='b')");
    ColumnDef m = create.columns().get(1);
    assertEquals("3:3", m.pos().toString());
    assertEquals("3:5", m.type().pos().toString());
    assertEquals("3:17", ((MapType) m.type()).value().pos().toString());
  }

  @Test
  void positionsTakeNoPartInEquality() {
    Pos a = new Pos(1, 2);
    Pos b = new Pos(3, 4);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertFalse(a.samePlace(b));
    assertTrue(a.samePlace(new Pos(1, 2)));
    assertEquals(SqlParser.parseStatement("SELECT a FROM s"),
        SqlParser.parseStatement("\n\nSELECT   a\nFROM s"));
    assertNotEquals(SqlParser.parseStatement("SELECT a FROM s"),
        SqlParser.parseStatement("SELECT b FROM s"));
  }
}

package io.sluice.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.grammar.ast.*;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeParsingTest {
  private static final Pos P = Pos.START;

  private static PrimitiveType primitive(PrimitiveType.Kind kind) {
    return new PrimitiveType(P, kind);
  }

  @Test
  void primitivesAndSynonyms() {
    String[][] cases = {{"BOOLEAN", "BOOLEAN"}, {"INT", "INT"}, {"integer", "INT"},
        {"BIGINT", "BIGINT"}, {"DOUBLE", "DOUBLE"}, {"STRING", "STRING"}, {"varchar", "STRING"},
        {"VARCHAR(STRING)", "STRING"}, {"BYTES", "BYTES"}, {"DATE", "DATE"}, {"TIME", "TIME"},
        {"timestamp", "TIMESTAMP"}};
    for (String[] c : cases) {
      assertEquals(primitive(PrimitiveType.Kind.valueOf(c[1])), SqlParser.parseType(c[0]), c[0]);
    }
  }

  @Test
  void decimal() {
    assertEquals(new DecimalType(P, 10, 2), SqlParser.parseType("DECIMAL(10, 2)"));
    assertEquals(new DecimalType(P, 1, 1), SqlParser.parseType("decimal(1,1)"));
    assertThrows(SqlSyntaxException.class, () -> SqlParser.parseType("DECIMAL"));
    assertThrows(SqlSyntaxException.class, () -> SqlParser.parseType("DECIMAL(2, 3)"));
    assertThrows(SqlSyntaxException.class, () -> SqlParser.parseType("DECIMAL(0, 0)"));
    assertThrows(SqlSyntaxException.class, () -> SqlParser.parseType("INT(3)"));
    assertThrows(SqlSyntaxException.class, () -> SqlParser.parseType("STRING(KEY)"));
  }

  @Test
  void containers() {
    assertEquals(new ArrayType(P, new ArrayType(P, primitive(PrimitiveType.Kind.INT))),
        SqlParser.parseType("ARRAY<ARRAY<INT>>"));
    assertEquals(new MapType(P, primitive(PrimitiveType.Kind.STRING),
        new DecimalType(P, 4, 2)), SqlParser.parseType("MAP<STRING, DECIMAL(4,2)>"));
    assertEquals(new StructType(P, List.of(
        new StructType.Field(P, Identifier.of("A"), primitive(PrimitiveType.Kind.INT)),
        new StructType.Field(P, new Identifier(P, "bB", true),
            new StructType(P, List.of())),
        new StructType.Field(P, Identifier.of("KEY"), primitive(PrimitiveType.Kind.BYTES)))),
        SqlParser.parseType("STRUCT<a INT, `bB` STRUCT<>, key BYTES>"));
    assertThrows(SqlSyntaxException.class, () -> SqlParser.parseType("STRUCT<a INT, A INT>"));
    assertThrows(SqlSyntaxException.class, () -> SqlParser.parseType("ARRAY<NULL>"));
  }

  @Test
  void customTypes() {
    assertEquals(new NamedType(P, Identifier.of("ADDRESS")), SqlParser.parseType("address"));
    // A quoted name is always a custom type.
    assertEquals(new NamedType(P, new Identifier(P, "INT", true)), SqlParser.parseType("`INT`"));
  }
}

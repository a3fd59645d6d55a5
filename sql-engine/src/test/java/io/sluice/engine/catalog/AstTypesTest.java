package io.sluice.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.SqlType;
import io.sluice.grammar.SqlParser;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.PrimitiveType;
import io.sluice.grammar.ast.StructType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AstTypesTest {

  private static final Map<String, SqlType> TYPES = Map.of(
      "ADDRESS", SqlType.struct().field("NUMBER", SqlType.INTEGER)
          .field("STREET", SqlType.STRING).build());
  private static final Function<String, Optional<SqlType>> LOOKUP =
      name -> Optional.ofNullable(TYPES.get(name));

  private static SqlType convert(String type) {
    return AstTypes.toSqlType(SqlParser.parseType(type), LOOKUP);
  }

  @Test
  void primitivesMapToKsqlDbTypes() {
    assertEquals(SqlType.BOOLEAN, convert("BOOLEAN"));
    assertEquals(SqlType.INTEGER, convert("INT"));
    assertEquals(SqlType.INTEGER, convert("INTEGER"));
    assertEquals(SqlType.BIGINT, convert("BIGINT"));
    assertEquals(SqlType.DOUBLE, convert("DOUBLE"));
    assertEquals(SqlType.STRING, convert("VARCHAR"));
    assertEquals(SqlType.STRING, convert("STRING"));
    assertEquals(SqlType.BYTES, convert("BYTES"));
    assertEquals(SqlType.DATE, convert("DATE"));
    assertEquals(SqlType.TIME, convert("TIME"));
    assertEquals(SqlType.TIMESTAMP, convert("TIMESTAMP"));
    assertEquals(SqlType.decimal(4, 2), convert("DECIMAL(4, 2)"));
  }

  @Test
  void containersConvertElementWise() {
    assertEquals(SqlType.array(SqlType.map(SqlType.STRING, SqlType.decimal(6, 4))),
        convert("ARRAY<MAP<STRING, DECIMAL(6,4)>>"));
    assertEquals(SqlType.struct().field("A", SqlType.INTEGER)
        .field("b", SqlType.array(SqlType.STRING)).build(),
        convert("STRUCT<a INT, `b` ARRAY<STRING>>"));
    assertEquals(SqlType.struct().build(), convert("STRUCT<>"));
  }

  @Test
  void customTypesResolveByCanonicalName() {
    assertEquals(TYPES.get("ADDRESS"), convert("address"));
    assertEquals(SqlType.array(TYPES.get("ADDRESS")), convert("ARRAY<Address>"));
  }

  @Test
  void unknownCustomTypeIsRejectedWithItsPosition() {
    CatalogException e = assertThrows(CatalogException.class, () -> convert("ARRAY<ADDR>"));
    assertEquals("1:7", e.pos().orElseThrow().toString());
    assertTrue(e.getMessage().startsWith("line 1:7: Unknown type: ADDR."), e.getMessage());
    assertTrue(e.getMessage().contains("CREATE TYPE ADDR AS"), e.getMessage());
  }

  @Test
  void quotedLowerCaseNameHintsAtTheUpperCaseType() {
    CatalogException e = assertThrows(CatalogException.class, () -> convert("`address`"));
    assertTrue(e.getMessage().contains("Did you mean ADDRESS?"), e.getMessage());
  }

  @Test
  void duplicateStructFieldsAreRejected() {
    // The parser refuses them too; an AST made in code must not slip through.
    StructType struct = new StructType(new Pos(1, 1), List.of(
        new StructType.Field(new Pos(1, 8), Identifier.of("A"),
            new PrimitiveType(new Pos(1, 10), PrimitiveType.Kind.INT)),
        new StructType.Field(new Pos(1, 15), Identifier.of("A"),
            new PrimitiveType(new Pos(1, 17), PrimitiveType.Kind.STRING))));
    CatalogException e =
        assertThrows(CatalogException.class, () -> AstTypes.toSqlType(struct, LOOKUP));
    assertEquals("1:15", e.pos().orElseThrow().toString());
    assertTrue(e.getMessage().contains("Duplicate field names found in STRUCT: `A`"));
  }

  @Test
  void decimalBeyondTheEnginesPrecisionIsRejected() {
    CatalogException e = assertThrows(CatalogException.class, () -> convert("DECIMAL(1001, 2)"));
    assertTrue(e.getMessage().contains("precision above the 1000 digits"), e.getMessage());
  }

  @Test
  void displayFollowsKsqlDb() {
    assertEquals("INTEGER", AstTypes.display(SqlType.INTEGER));
    assertEquals("DECIMAL(4, 2)", AstTypes.display(SqlType.decimal(4, 2)));
    assertEquals("ARRAY<STRUCT<`KEY` STRING, `VALUE` BYTES>>",
        AstTypes.display(DdlAnalyzer.HEADERS_TYPE));
    assertEquals("MAP<STRING, ARRAY<BIGINT>>",
        AstTypes.display(SqlType.map(SqlType.STRING, SqlType.array(SqlType.BIGINT))));
  }
}

package io.sluice.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class SqlTypeTest {

  static final SqlStruct PERSON = SqlType.struct()
      .field("A", SqlType.INTEGER).field("B", SqlType.STRING).build();

  @Test
  void displayNamesAreKsqlDbs() {
    assertEquals("BOOLEAN", SqlType.BOOLEAN.toString());
    assertEquals("INTEGER", SqlType.INTEGER.toString());
    assertEquals("BIGINT", SqlType.BIGINT.toString());
    assertEquals("DOUBLE", SqlType.DOUBLE.toString());
    assertEquals("STRING", SqlType.STRING.toString());
    assertEquals("BYTES", SqlType.BYTES.toString());
    assertEquals("DATE", SqlType.DATE.toString());
    assertEquals("TIME", SqlType.TIME.toString());
    assertEquals("TIMESTAMP", SqlType.TIMESTAMP.toString());
    assertEquals("DECIMAL(4, 2)", SqlType.decimal(4, 2).toString());
    assertEquals("ARRAY<INTEGER>", SqlType.array(SqlType.INTEGER).toString());
    assertEquals("MAP<STRING, BIGINT>", SqlType.map(SqlType.STRING, SqlType.BIGINT).toString());
    assertEquals("STRUCT<A INTEGER, B STRING>", PERSON.toString());
    assertEquals("ARRAY<STRUCT<A INTEGER, B STRING>>", SqlType.array(PERSON).toString());
  }

  @Test
  void invalidTypesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SqlType.decimal(0, 0));
    assertThrows(IllegalArgumentException.class, () -> SqlType.decimal(2, 3));
    assertThrows(IllegalArgumentException.class, () -> SqlType.decimal(2, -1));
    assertThrows(IllegalArgumentException.class,
        () -> SqlType.struct().field("A", SqlType.INTEGER).field("A", SqlType.STRING).build());
    assertThrows(IllegalArgumentException.class, () -> new SqlPrimitive(SqlBaseType.ARRAY));
  }

  @Test
  void numbersWidenIntegerBigintDecimalDouble() {
    assertTrue(SqlType.canImplicitlyCast(SqlType.INTEGER, SqlType.BIGINT));
    assertTrue(SqlType.canImplicitlyCast(SqlType.INTEGER, SqlType.DOUBLE));
    assertTrue(SqlType.canImplicitlyCast(SqlType.BIGINT, SqlType.DOUBLE));
    assertTrue(SqlType.canImplicitlyCast(SqlType.decimal(4, 2), SqlType.DOUBLE));
    assertTrue(SqlType.canImplicitlyCast(SqlType.INTEGER, SqlType.decimal(10, 0)));
    assertFalse(SqlType.canImplicitlyCast(SqlType.INTEGER, SqlType.decimal(9, 0)));
    assertTrue(SqlType.canImplicitlyCast(SqlType.BIGINT, SqlType.decimal(21, 2)));
    assertTrue(SqlType.canImplicitlyCast(SqlType.decimal(4, 2), SqlType.decimal(5, 3)));
    assertFalse(SqlType.canImplicitlyCast(SqlType.decimal(4, 2), SqlType.decimal(4, 3)));
    assertFalse(SqlType.canImplicitlyCast(SqlType.BIGINT, SqlType.INTEGER));
    assertFalse(SqlType.canImplicitlyCast(SqlType.DOUBLE, SqlType.decimal(38, 10)));
    assertFalse(SqlType.canImplicitlyCast(SqlType.INTEGER, SqlType.STRING));
    assertFalse(SqlType.canImplicitlyCast(SqlType.BOOLEAN, SqlType.INTEGER));
    assertTrue(SqlType.canImplicitlyCast(SqlType.array(SqlType.INTEGER),
        SqlType.array(SqlType.BIGINT)));
  }

  @Test
  void commonTypes() {
    assertEquals(Optional.of(SqlType.BIGINT), SqlType.commonType(SqlType.INTEGER, SqlType.BIGINT));
    assertEquals(Optional.of(SqlType.DOUBLE),
        SqlType.commonType(SqlType.decimal(4, 2), SqlType.DOUBLE));
    assertEquals(Optional.of(SqlType.decimal(12, 2)),
        SqlType.commonType(SqlType.INTEGER, SqlType.decimal(4, 2)));
    assertEquals(Optional.of(SqlType.decimal(5, 3)),
        SqlType.commonType(SqlType.decimal(4, 2), SqlType.decimal(5, 3)));
    assertEquals(Optional.empty(), SqlType.commonType(SqlType.STRING, SqlType.INTEGER));
    assertEquals(Optional.of(SqlType.map(SqlType.STRING, SqlType.BIGINT)), SqlType.commonType(
        SqlType.map(SqlType.STRING, SqlType.INTEGER), SqlType.map(SqlType.STRING, SqlType.BIGINT)));
  }

  @Test
  void calciteTypesRoundTripAndAreNullable() {
    JavaTypeFactory factory = SluiceTypeSystem.newTypeFactory();
    List<SqlType> all = List.of(SqlType.BOOLEAN, SqlType.INTEGER, SqlType.BIGINT, SqlType.DOUBLE,
        SqlType.decimal(30, 7), SqlType.STRING, SqlType.BYTES, SqlType.DATE, SqlType.TIME,
        SqlType.TIMESTAMP, SqlType.array(SqlType.decimal(4, 2)),
        SqlType.map(SqlType.STRING, SqlType.array(PERSON)), PERSON);
    for (SqlType t : all) {
      RelDataType rel = t.toRelDataType(factory);
      assertTrue(rel.isNullable(), t::toString);
      assertEquals(t, SqlType.fromRelDataType(rel));
    }
    RelDataType person = PERSON.toRelDataType(factory);
    assertEquals(SqlTypeName.ROW, person.getSqlTypeName());
    assertTrue(person.getFieldList().get(0).getType().isNullable());
    assertEquals(3, SqlType.TIMESTAMP.toRelDataType(factory).getPrecision());
    assertEquals(SqlType.STRING,
        SqlType.fromRelDataType(factory.createSqlType(SqlTypeName.CHAR, 3)));
    assertThrows(IllegalArgumentException.class,
        () -> SqlType.fromRelDataType(factory.createSqlType(SqlTypeName.SMALLINT)));
  }

  @Test
  void runtimeClassesAreWhatCalciteGeneratesFor() {
    JavaTypeFactory factory = SluiceTypeSystem.newTypeFactory();
    for (SqlType t : List.of(SqlType.BOOLEAN, SqlType.INTEGER, SqlType.BIGINT, SqlType.DOUBLE,
        SqlType.decimal(4, 2), SqlType.STRING, SqlType.BYTES, SqlType.DATE, SqlType.TIME,
        SqlType.TIMESTAMP, SqlType.array(SqlType.STRING), SqlType.map(SqlType.STRING,
            SqlType.STRING))) {
      assertEquals(t.javaType(), factory.getJavaClass(t.toRelDataType(factory)), t::toString);
    }
    assertEquals(ByteString.class, SqlType.BYTES.javaType());
    assertEquals(BigDecimal.class, SqlType.decimal(1, 0).javaType());
    assertEquals(Struct.class, PERSON.javaType());
  }

  @Test
  void decimalArithmeticTypesInCalcite() {
    JavaTypeFactory f = SluiceTypeSystem.newTypeFactory();
    RelDataType d42 = SqlType.decimal(4, 2).toRelDataType(f);
    RelDataType i = SqlType.INTEGER.toRelDataType(f);
    SluiceTypeSystem ts = SluiceTypeSystem.INSTANCE;
    assertEquals(SqlType.decimal(5, 2), SqlType.fromRelDataType(ts.deriveDecimalPlusType(f, d42,
        d42)));
    assertEquals(SqlType.decimal(9, 4),
        SqlType.fromRelDataType(ts.deriveDecimalMultiplyType(f, d42, d42)));
    assertEquals(SqlType.decimal(11, 7),
        SqlType.fromRelDataType(ts.deriveDecimalDivideType(f, d42, d42)));
    assertEquals(SqlType.decimal(4, 2),
        SqlType.fromRelDataType(ts.deriveDecimalModType(f, d42, d42)));
    assertEquals(SqlType.decimal(13, 2),
        SqlType.fromRelDataType(ts.deriveDecimalPlusType(f, d42, i)));
    assertEquals(null, ts.deriveDecimalPlusType(f, i, i), "integers are not decimal arithmetic");
  }

  @Test
  void structValuesAreListsComparedByValue() {
    Struct a = Struct.of(PERSON, 1, "x");
    Struct b = Struct.of(PERSON, 1, "x");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals("x", a.get("B"));
    assertEquals(1, a.get(0));
    assertEquals("Struct{A=1,B=x}", a.toString());
    assertEquals("Struct{B=x}", Struct.of(PERSON, null, "x").toString());
    assertThrows(IllegalArgumentException.class, () -> a.get("C"));
    assertEquals(Map.of(a, 1).get(b), 1);
  }

  @Test
  void rowSchemas() {
    RowSchema s = RowSchema.builder().column("A", SqlType.INTEGER).column("B", PERSON).build();
    assertEquals(1, s.indexOf("B"));
    assertEquals(-1, s.indexOf("C"));
    assertEquals("(A INTEGER, B STRUCT<A INTEGER, B STRING>)", s.toString());
    assertThrows(IllegalArgumentException.class,
        () -> RowSchema.builder().column("A", SqlType.INTEGER).column("A", SqlType.STRING).build());
  }
}

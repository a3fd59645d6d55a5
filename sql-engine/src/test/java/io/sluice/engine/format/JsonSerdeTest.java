package io.sluice.engine.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON format's coercions and layout (the cases named in comments show ksqlDB's). */
class JsonSerdeTest {

  private static Serde value(Column... columns) {
    return SerdeFactory.create(Format.JSON, FormatOptions.DEFAULTS, List.of(columns),
        SerdeRole.VALUE);
  }

  private static Serde bareValue(SqlType type) {
    return SerdeFactory.create(Format.JSON, FormatOptions.DEFAULTS.withWrapSingleValue(false),
        List.of(new Column("V", type)), SerdeRole.VALUE);
  }

  private static Serde key(Column... columns) {
    return SerdeFactory.create(Format.JSON, FormatOptions.DEFAULTS, List.of(columns),
        SerdeRole.KEY);
  }

  private static Column col(String name, SqlType type) {
    return new Column(name, type);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /** The single column read from bare JSON. */
  private static Object read(SqlType type, String json) {
    return bareValue(type).deserialize(utf8(json))[0];
  }

  private static String error(Serde serde, String json) {
    return assertThrows(SerdeException.class, () -> serde.deserialize(utf8(json))).getMessage();
  }

  @Test
  void fieldsMatchAsWrittenThenUpperCased() {
    Serde s = value(col("FOO", SqlType.INTEGER), col("with.dot", SqlType.STRING),
        col("mixedCase", SqlType.STRING), col("MISSING", SqlType.STRING));
    // elements.json "with invalid or reserved words in schema", quoted-identifiers.json
    assertArrayEquals(new Object[] {10, "a", null, null},
        s.deserialize(utf8("{\"foo\": 10, \"with.dot\": \"a\", \"mixedcase\": \"b\","
            + " \"unknown\": [1, 2]}")));
    // The exact name wins over an upper-cased one, wherever it stands.
    assertArrayEquals(new Object[] {1, null, "x", null},
        s.deserialize(utf8("{\"FOO\": 1, \"foo\": 2, \"mixedCase\": \"x\"}")));
    assertArrayEquals(new Object[] {1, null, null, null},
        s.deserialize(utf8("{\"foo\": 2, \"FOO\": 1}")));
    // Struct fields too: null.json "dereference nested structs with nulls"
    SqlStruct person = SqlType.struct().field("NAME", SqlType.STRING).build();
    SqlStruct col1 = SqlType.struct().field("PERSON", person).build();
    assertEquals(Struct.of(col1, Struct.of(person, "George")), value(col("COL1", col1))
        .deserialize(utf8("{\"col1\": {\"Person\": {\"Name\": \"George\"}}}"))[0]);
  }

  @Test
  void rowsAreObjectsUnlessBare() {
    Serde wrapped = value(col("V", SqlType.BOOLEAN));
    assertEquals("{\"V\":true}", text(wrapped.serialize(new Object[] {true})));
    assertEquals("{\"V\":null}", text(wrapped.serialize(new Object[] {null})));
    // json.json "BOOLEAN - value - anonymous - deserialize" / "serialize"
    Serde bare = bareValue(SqlType.BOOLEAN);
    assertEquals("true", text(bare.serialize(new Object[] {true})));
    assertArrayEquals(new Object[] {false}, bare.deserialize(utf8("false")));
    // A bare null column is written as null bytes, as ksqlDB does ("serialize anonymous
    // primitive - value"); the JSON null reads as a null column.
    assertNull(bare.serialize(new Object[] {null}));
    assertArrayEquals(new Object[] {null}, bare.deserialize(utf8("null")));
    // Wrapped, the JSON null is a null row, like a tombstone.
    assertNull(wrapped.deserialize(utf8("null")));
    // serdes.json "deserialize and serialize unwrapped struct"
    SqlStruct f1 = SqlType.struct().field("F1", SqlType.STRING).build();
    Serde struct = bareValue(f1);
    assertArrayEquals(new Object[] {Struct.of(f1, "bar")}, struct.deserialize(utf8(
        "{\"F1\": \"bar\"}")));
    assertEquals("{\"F1\":\"bar\"}", text(struct.serialize(new Object[] {Struct.of(f1, "bar")})));
  }

  @Test
  void singleKeysAreBareAndSeveralAreObjects() {
    Serde one = key(col("K", SqlType.STRING));
    assertEquals("\"hello\"", text(one.serialize(new Object[] {"hello"})));
    assertArrayEquals(new Object[] {"hello"}, one.deserialize(utf8("\"hello\"")));
    assertNull(one.serialize(new Object[] {null}));
    // multi-col-keys.json "select * from stream"
    Serde two = key(col("K", SqlType.INTEGER), col("K2", SqlType.INTEGER));
    assertEquals("{\"K\":null,\"K2\":2}", text(two.serialize(new Object[] {null, 2})));
    assertArrayEquals(new Object[] {1, 2}, two.deserialize(utf8("{\"K\": 1, \"K2\": 2}")));
    assertNull(two.deserialize(null));
    assertNull(two.serialize(null));
  }

  @Test
  void numbersCoerceAsKsqlDbDoes() {
    // group-by.json "multiple expressions": {"f2": "2"} into INT
    assertEquals(2, read(SqlType.INTEGER, "\"2\""));
    assertEquals(1, read(SqlType.INTEGER, "1.9"));
    assertEquals(-1, read(SqlType.INTEGER, "-1.9"));
    assertEquals(10827272222L, read(SqlType.BIGINT, "10827272222"));
    assertEquals(-7L, read(SqlType.BIGINT, "\"-7\""));
    assertEquals(1234.589, read(SqlType.DOUBLE, "1234.589"));
    assertEquals(10.0, read(SqlType.DOUBLE, "10"));
    assertEquals(1.5, read(SqlType.DOUBLE, "\"1.5\""));
    assertEquals(Double.NaN, read(SqlType.DOUBLE, "\"NaN\""));
    assertEquals(17662, read(SqlType.DATE, "17662"));
    assertEquals(33359999, read(SqlType.TIME, "\"33359999\""));
    assertEquals(1526075913000L, read(SqlType.TIMESTAMP, "1526075913000"));
    assertEquals("Failed to deserialize JSON value: column `V` INTEGER at $: the number is out"
        + " of range for INTEGER", error(bareValue(SqlType.INTEGER), "3000000000"));
    assertEquals("Failed to deserialize JSON value: column `V` INTEGER at $: the text is not an"
        + " INTEGER", error(bareValue(SqlType.INTEGER), "\"1.5\""));
    assertEquals("Failed to deserialize JSON value: column `V` BIGINT at $: can't convert a JSON"
        + " boolean to BIGINT", error(bareValue(SqlType.BIGINT), "true"));
  }

  @Test
  void decimalsKeepTheirColumnsScaleExactly() {
    SqlType d64 = SqlType.decimal(6, 4);
    // json.json "DECIMAL - key": 12.365 in DECIMAL(6,4)
    assertEquals(new BigDecimal("12.3650"), read(d64, "12.365"));
    // group-by.json "... decimal key format with JSON format conversion": "2" is 2.0
    assertEquals(new BigDecimal("2.0"), read(SqlType.decimal(2, 1), "\"2\""));
    // decimal.json "JSON in/out": every digit of DECIMAL(21,19) kept
    assertEquals(new BigDecimal("10.1234512345123451234"),
        read(SqlType.decimal(21, 19), "10.1234512345123451234"));
    assertEquals("Failed to deserialize JSON value: column `V` DECIMAL(6, 4) at $: the decimal"
        + " does not fit DECIMAL(6, 4) without rounding", error(bareValue(d64), "1.23456"));
    assertEquals("Failed to deserialize JSON value: column `V` DECIMAL(6, 4) at $: the decimal"
        + " has more than 2 digits before the point, too many for DECIMAL(6, 4)",
        error(bareValue(d64), "123"));
    // Written as a number with the scale, never with an exponent.
    Serde s = bareValue(SqlType.decimal(10, 9));
    assertEquals("0.000000100", text(s.serialize(new Object[] {new BigDecimal("1E-7")})));
    assertEquals("99.99", text(bareValue(SqlType.decimal(4, 2))
        .serialize(new Object[] {new BigDecimal("99.99")})));
  }

  @Test
  void stringsTakeAnyJson() {
    assertEquals("hello", read(SqlType.STRING, "\"hello\""));
    assertEquals("12", read(SqlType.STRING, "12"));
    assertEquals("1.50", read(SqlType.STRING, "1.50"));
    assertEquals("true", read(SqlType.STRING, "true"));
    // simple-struct.json "simple struct read struct as json string": compact, order kept
    assertEquals("{\"ITEMID\":6,\"CATEGORY\":{\"ID\":2,\"NAME\":\"Food\"},\"NAME\":\"Item_6\"}",
        read(SqlType.STRING, "{\"ITEMID\": 6, \"CATEGORY\": {\"ID\": 2, \"NAME\": \"Food\"},"
            + " \"NAME\": \"Item_6\"}"));
    // ksqlDB's rendering of an array read as STRING; json.json "... array - value - with
    // coercion" reads [1, 2, 3] into ARRAY<STRING> as ["1", "2", "3"]
    assertEquals("[1, a, null, [2.0]]", read(SqlType.STRING, "[1, \"a\", null, [2.0]]"));
    assertEquals(List.of("1", "2", "3"),
        read(SqlType.array(SqlType.STRING), "[1, 2, 3]"));
  }

  @Test
  void booleansAreJsonBooleansOnly() {
    assertEquals(true, read(SqlType.BOOLEAN, "true"));
    assertEquals("Failed to deserialize JSON value: column `V` BOOLEAN at $: can't convert a JSON"
        + " string to BOOLEAN", error(bareValue(SqlType.BOOLEAN), "\"true\""));
  }

  @Test
  void bytesAreBase64() {
    // bytes.json "JSON in/out"
    Serde s = value(col("B", SqlType.BYTES));
    Object[] row = s.deserialize(utf8("{\"B\": \"dmFyaWF0aW9ucw==\"}"));
    assertEquals(SqlType.bytes(utf8("variations")), row[0]);
    assertEquals("{\"B\":\"dmFyaWF0aW9ucw==\"}", text(s.serialize(row)));
    assertEquals("Failed to deserialize JSON value: column `B` BYTES at $.B: the text is not"
        + " base64", error(s, "{\"B\": \"not base64!\"}"));
  }

  @Test
  void containersNestAndReportWhere() {
    SqlStruct inner = SqlType.struct().field("D", SqlType.INTEGER).build();
    SqlType type = SqlType.struct().field("B", SqlType.map(SqlType.STRING,
        SqlType.struct().field("C", SqlType.array(inner)).build())).build();
    Serde s = value(col("A", type));
    Object[] row = s.deserialize(utf8("{\"A\": {\"b\": {\"k\": {\"C\": [{\"D\": 1}, null]}}}}"));
    assertEquals("{\"A\":{\"B\":{\"k\":{\"C\":[{\"D\":1},null]}}}}", text(s.serialize(row)));
    SerdeException e = assertThrows(SerdeException.class, () -> s.deserialize(utf8(
        "{\"A\": {\"B\": {\"k\": {\"C\": [{\"D\": 1}, {\"D\": \"x\"}]}}}}")));
    assertEquals("Failed to deserialize JSON value: column `A` STRUCT<`B` MAP<STRING,"
        + " STRUCT<`C` ARRAY<STRUCT<`D` INTEGER>>>>> at $.A.B[*].C[1].D: the text is not an"
        + " INTEGER", e.getMessage());
    assertEquals(Optional.of("A"), e.column());
    // Maps keep their keys' order; null values stay.
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1.5);
    m.put("a", null);
    assertEquals("{\"z\":1.5,\"a\":null}", text(bareValue(SqlType.map(SqlType.STRING,
        SqlType.DOUBLE)).serialize(new Object[] {m})));
  }

  @Test
  void recordLevelErrors() {
    Serde s = value(col("A", SqlType.INTEGER), col("B", SqlType.STRING));
    assertEquals("Failed to deserialize JSON value: expected a JSON object holding the columns"
        + " [`A` INTEGER, `B` STRING], got a JSON array", error(s, "[1, \"b\"]"));
    assertTrue(error(s, "{\"A\": 1,").startsWith(
        "Failed to deserialize JSON value: not valid JSON: the input ends inside a value at line 1"));
    // Jackson's own message would quote the bad token: record data stays out of messages.
    String bad = error(s, "{\"A\": secret}");
    assertTrue(bad.startsWith("Failed to deserialize JSON value: not valid JSON: unexpected"
        + " content at line 1, column "), bad);
    assertFalse(bad.contains("secret"), bad);
    assertEquals("Failed to deserialize JSON value: no JSON value in the bytes (empty or blank)",
        error(s, " "));
    SerdeException e = assertThrows(SerdeException.class, () -> s.deserialize(utf8("{")));
    assertEquals(Optional.empty(), e.column());
  }

  @Test
  void serializingChecksJavaClasses() {
    Serde s = value(col("A", SqlType.INTEGER), col("B", SqlType.array(SqlType.STRING)));
    SerdeException e = assertThrows(SerdeException.class,
        () -> s.serialize(new Object[] {5L, null}));
    assertEquals("Failed to serialize JSON value: column `A` INTEGER at $.A: expected"
        + " java.lang.Integer for INTEGER, got java.lang.Long", e.getMessage());
    assertEquals("Failed to serialize JSON value: column `B` ARRAY<STRING> at $.B[1]: expected"
        + " java.lang.String for STRING, got java.lang.Integer",
        assertThrows(SerdeException.class, () -> s.serialize(new Object[] {1,
            Arrays.asList("a", 2)})).getMessage());
    assertThrows(SerdeException.class, () -> bareValue(SqlType.decimal(4, 2))
        .serialize(new Object[] {new BigDecimal("1.234")}));
    assertThrows(IllegalArgumentException.class, () -> s.serialize(new Object[] {1}));
  }
}

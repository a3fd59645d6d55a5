package io.sluice.engine.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The DELIMITED format's text, byte for byte (the cases named in comments show ksqlDB's). */
class DelimitedSerdeTest {

  private static Serde serde(char delimiter, SqlType... types) {
    Column[] cols = new Column[types.length];
    for (int i = 0; i < types.length; i++) {
      cols[i] = new Column("C" + i, types[i]);
    }
    return SerdeFactory.create(Format.DELIMITED, FormatOptions.DEFAULTS.withDelimiter(delimiter),
        List.of(cols), SerdeRole.VALUE);
  }

  private static Serde serde(SqlType... types) {
    return serde(',', types);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String write(Serde s, Object... row) {
    return new String(s.serialize(row), StandardCharsets.UTF_8);
  }

  private static Object[] read(Serde s, String text) {
    return s.deserialize(utf8(text));
  }

  @Test
  void fieldsByPosition() {
    // delimited.json "select delimited value_format"
    Serde s = serde(SqlType.BIGINT, SqlType.STRING, SqlType.INTEGER);
    assertArrayEquals(new Object[] {0L, "zero", 0}, read(s, "0,zero,0"));
    assertEquals("0,zero,0", write(s, 0L, "zero", 0));
    // "... with $ separated values", "... with SPACE separated values"
    assertEquals("100$100$500", write(serde('$', SqlType.BIGINT, SqlType.STRING,
        SqlType.INTEGER), 100L, "100", 500));
    assertArrayEquals(new Object[] {0L, "zero", 0},
        read(serde(' ', SqlType.BIGINT, SqlType.STRING, SqlType.INTEGER), "0 zero 0"));
    // "multi-column key with different kv delimiters": the value "0-1" and the key "foo,bar;baz"
    assertArrayEquals(new Object[] {"foo,bar", "baz"},
        read(serde(';', SqlType.STRING, SqlType.STRING), "foo,bar;baz"));
  }

  @Test
  void emptyFieldsAreNull() {
    Serde s = serde(SqlType.INTEGER, SqlType.STRING, SqlType.STRING);
    // project-filter.json "Filter on NULL": ",456,foo"
    assertArrayEquals(new Object[] {null, "456", "foo"}, read(s, ",456,foo"));
    assertEquals(",456,foo", write(s, null, "456", "foo"));
    assertArrayEquals(new Object[] {null, null, null}, read(s, ",,"));
    assertArrayEquals(new Object[] {1, null, null}, read(s, "1,\"\","));
    // An empty STRING is written as nothing, or quoted in first place, and reads back as null.
    Serde strings = serde(SqlType.STRING, SqlType.STRING, SqlType.STRING);
    assertEquals("\"\",,", write(strings, "", "", null));
    assertArrayEquals(new Object[] {null, null, null}, read(strings, "\"\",,"));
  }

  @Test
  void quotingFollowsKsqlDbsWriter() {
    Serde one = serde(SqlType.STRING);
    Serde three = serde(SqlType.STRING, SqlType.BYTES, SqlType.STRING);
    // bytes-and-strings.json "convert bytes to UTF8 encoded string": "!",IQ==,"!"
    assertEquals("\"!\",IQ==,\"!\"", write(three, "!", SqlType.bytes(utf8("!")), "!"));
    assertEquals("\"#\",Iw==,\"#\"", write(three, "#", SqlType.bytes(utf8("#")), "#"));
    // string.json "LCASE, UCASE, TRIM SUBSTRING": leading blanks and tabs quoted
    Serde four = serde(SqlType.STRING, SqlType.STRING, SqlType.STRING, SqlType.STRING);
    assertEquals("\" \t with white space \t\",\" \t WITH WHITE SPACE \t\",with white space,"
        + "\"\t wit\"", write(four, " \t with white space \t", " \t WITH WHITE SPACE \t",
            "with white space", "\t wit"));
    // The first field is quoted unless it starts with an ASCII letter or digit: delimited.json
    // "read written decimals" writes "-12345.1200000000000000", from-days.json "-10".
    Serde dec = serde(SqlType.decimal(33, 16));
    assertEquals("\"-12345.1200000000000000\"", write(dec, new BigDecimal("-12345.12")));
    assertEquals("0.1200000000000000", write(dec, new BigDecimal(".12")));
    assertEquals("\"-10\"", write(serde(SqlType.DATE), -10));
    Serde key = serde(SqlType.INTEGER, SqlType.STRING, SqlType.INTEGER);
    assertEquals("\"-1\",a,-1", write(key, -1, "a", -1)); // group-by.json grouping sets
    assertEquals("\"ünï\",ünï", write(serde(SqlType.STRING, SqlType.STRING), "ünï", "ünï"));
    // Delimiters, quotes and line breaks are quoted anywhere; quotes doubled.
    assertEquals("a,\"b,c\",\"say \"\"hi\"\"\"", write(serde(SqlType.STRING, SqlType.STRING,
        SqlType.STRING), "a", "b,c", "say \"hi\""));
    assertEquals("\"line\nbreak\"", write(one, "line\nbreak"));
    assertEquals("\"trailing \"", write(one, "trailing "));
    assertEquals("a$b", write(serde('|', SqlType.STRING), "a$b"));
    assertEquals("\"a|b\"", write(serde('|', SqlType.STRING), "a|b"));
  }

  @Test
  void quotedFieldsRead() {
    Serde s = serde(SqlType.STRING, SqlType.INTEGER);
    // delimited.json "INT - key": "22" with quotes is 22
    assertArrayEquals(new Object[] {"a,b", 22}, read(s, "\"a,b\",\"22\""));
    assertArrayEquals(new Object[] {"say \"hi\"", 1}, read(s, "\"say \"\"hi\"\"\"  ,1"));
    assertArrayEquals(new Object[] {"two\nlines", 1}, read(s, "\"two\nlines\",1"));
    // Quotes inside an unquoted field are kept; blanks are kept.
    assertArrayEquals(new Object[] {" a\"b ", 1}, read(s, " a\"b ,1"));
    // Only the first record counts; empty lines before it are skipped.
    assertArrayEquals(new Object[] {"x", 1}, read(s, "\r\n\nx,1\ny,2"));
    assertEquals("Failed to deserialize DELIMITED value: a quoted field has no closing quote",
        assertThrows(SerdeException.class, () -> read(s, "\"open,1")).getMessage());
    assertEquals("Failed to deserialize DELIMITED value: a quoted field is followed by something"
        + " other than the delimiter",
        assertThrows(SerdeException.class, () -> read(s, "\"a\"b,1")).getMessage());
  }

  @Test
  void typesFromText() {
    Serde s = serde(SqlType.BOOLEAN, SqlType.DOUBLE, SqlType.decimal(6, 4), SqlType.BYTES,
        SqlType.TIME, SqlType.TIMESTAMP);
    // decimal.json "DELIMITED should not trim trailing zeros"; time.json "DELIMITED in/out";
    // bytes.json "DELIMITED in/out"
    Object[] row = read(s, "true,10.1,10.0000,dmFyaWF0aW9ucw==,10,1526075913000");
    assertArrayEquals(new Object[] {true, 10.1, new BigDecimal("10.0000"),
        SqlType.bytes(utf8("variations")), 10, 1526075913000L}, row);
    assertEquals("true,10.1,10.0000,dmFyaWF0aW9ucw==,10,1526075913000", write(s, row));
    // delimited.json "DECIMAL - key": "12.0" in DECIMAL(6,4) is 12.0000
    assertEquals(new BigDecimal("12.0000"), read(serde(SqlType.decimal(6, 4)), "12.0")[0]);
    // BOOLEAN is ksqlDB's lenient parse: anything but "true" (any case) is false.
    Serde b = serde(SqlType.BOOLEAN);
    assertEquals(true, read(b, "TRUE")[0]);
    assertEquals(false, read(b, "yes")[0]);
  }

  @Test
  void errorsNameTheColumn() {
    Serde s = serde(SqlType.BIGINT, SqlType.INTEGER);
    SerdeException e = assertThrows(SerdeException.class, () -> read(s, "1,x"));
    assertEquals("Failed to deserialize DELIMITED value: column `C1` INTEGER: the text is not"
        + " an INTEGER", e.getMessage());
    assertEquals(Optional.of("C1"), e.column());
    assertEquals("Failed to deserialize DELIMITED value: expected 2 fields for the columns"
        + " [`C0` BIGINT, `C1` INTEGER], got 3",
        assertThrows(SerdeException.class, () -> read(s, "1,2,3")).getMessage());
    assertEquals("Failed to deserialize DELIMITED value: column `C0` BIGINT: the text is not a"
        + " BIGINT", assertThrows(SerdeException.class, () -> read(s, " 1,2")).getMessage());
    assertEquals("Failed to deserialize DELIMITED value: no fields in the record (empty text)",
        assertThrows(SerdeException.class, () -> read(s, "")).getMessage());
    assertEquals("Failed to serialize DELIMITED value: column `C1` INTEGER: expected"
        + " java.lang.Integer for INTEGER, got java.lang.String",
        assertThrows(SerdeException.class, () -> s.serialize(new Object[] {1L, "2"}))
            .getMessage());
  }

  @Test
  void aLoneNullColumnIsAnEmptyTextAsInKsqlDb() {
    Serde s = serde(SqlType.INTEGER);
    assertEquals("", write(s, (Object) null));
    assertThrows(SerdeException.class, () -> read(s, ""));
  }
}

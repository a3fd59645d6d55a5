package io.sluice.engine.expr;

import static io.sluice.engine.expr.FunctionTester.arg;
import static io.sluice.engine.expr.FunctionTester.bool;
import static io.sluice.engine.expr.FunctionTester.d;
import static io.sluice.engine.expr.FunctionTester.i;
import static io.sluice.engine.expr.FunctionTester.l;
import static io.sluice.engine.expr.FunctionTester.str;
import static io.sluice.engine.expr.FunctionTester.untypedNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * JSON, date/time and bytes-to-number functions; expected values from ksqlDB's json*,
 * to_json_string, extract-json-field, dateadd, datesub, timeadd, timestampadd, convert-tz,
 * parse-date, parse-time, format-date, stringdate, timestampformat, timestamp-to-string and
 * bytes cases.
 */
class JsonAndTimeFunctionsTest {

  final FunctionTester f = new FunctionTester();

  @Test
  void extractJsonField() {
    String src = "{\"name\": \"cdc\", \"version\": \"1\", \"@type\": \"UDF\"}";
    assertEquals("cdc", f.call("EXTRACTJSONFIELD", str(src), str("$.name")));
    assertEquals("UDF", f.call("EXTRACTJSONFIELD", str(src), str("$.@type")));
    assertEquals("cdd", f.call("EXTRACTJSONFIELD", str("{\"name\": \"cdd\"}}"), str("$.name")),
        "trailing text is ignored");
    String arr = "{\"array\": [1.23450]}";
    assertEquals("1.23450", f.call("EXTRACTJSONFIELD", str(arr), str("$.array[0]")));
    assertNull(f.call("EXTRACTJSONFIELD", str(arr), str("$.array[1]")));
    assertNull(f.call("EXTRACTJSONFIELD", str(arr), str("$.array[-1]")));
    assertEquals("{\"b\":[1,2]}", f.call("EXTRACTJSONFIELD", str("{\"a\":{\"b\":[1,2]}}"),
        str("$['a']")));
    assertNull(f.call("EXTRACTJSONFIELD", str("not json"), str("$.a")));
  }

  @Test
  void jsonFunctions() {
    String colors = "[\"Pink\", null]";
    assertEquals(true, f.call("JSON_ARRAY_CONTAINS", str(colors), str("Pink")));
    assertEquals(true, f.call("JSON_ARRAY_CONTAINS", str(colors), untypedNull()));
    assertEquals(false, f.call("JSON_ARRAY_CONTAINS", str("[\"Red\"]"), str("Pink")));
    assertEquals(true, f.call("JSON_ARRAY_CONTAINS", str("[1, 2.5]"), l(1L)));
    assertEquals(true, f.call("JSON_ARRAY_CONTAINS", str("[1, 2.5]"), d(2.5)));
    assertEquals(false, f.call("JSON_ARRAY_CONTAINS", str("[1]"), d(1.0)));
    assertEquals(false, f.call("JSON_ARRAY_CONTAINS", str(null), str("Pink")));
    assertEquals(3, f.call("JSON_ARRAY_LENGTH", str("[1, [2], {}]")));
    assertNull(f.call("JSON_ARRAY_LENGTH", str("{}")));
    assertEquals(List.of("Red", "Green"), f.call("JSON_KEYS", str("{\"Red\": 3, \"Green\": 5}")));
    assertNull(f.call("JSON_KEYS", str("")));
    assertEquals(Map.of("White", "Seven", "Red", "3"), f.call("JSON_RECORDS",
        str("{\"White\": \"Seven\", \"Red\": 3}")));
    assertEquals(true, f.call("IS_JSON_STRING", str("[1]")));
    assertEquals(false, f.call("IS_JSON_STRING", str("{")));
    assertEquals(false, f.call("IS_JSON_STRING", str(null)));
  }

  @Test
  void jsonConcat() {
    assertEquals("{\"a\":1,\"b\":2}", f.call("JSON_CONCAT", str("{\"a\": 1}"), str("{\"b\": 2}")));
    assertEquals("{\"a\":{\"3\":4}}", f.call("JSON_CONCAT", str("{\"a\": {\"5\": 6}}"),
        str("{\"a\": {\"3\": 4}}")));
    assertEquals("[1,2,3,4]", f.call("JSON_CONCAT", str("[1, 2]"), str("[3, 4]")));
    assertEquals("[null,null]", f.call("JSON_CONCAT", str("null"), str("null")));
    assertEquals("[1,2,{\"a\":1}]", f.call("JSON_CONCAT", str("[1, 2]"), str("{\"a\": 1}")));
    assertEquals("[1,[2],[[3]],[[[4]]]]", f.call("JSON_CONCAT", str("[1, [2]]"),
        str("[[[3]], [[[4]]]]")));
    assertNull(f.call("JSON_CONCAT", str("1"), str("")));
    assertNull(f.call("JSON_CONCAT", str(null), str(null)));
    assertEquals("{\"a\":1,\"b\":2,\"c\":3}", f.call("JSON_CONCAT", str("{\"a\": 1}"),
        str("{\"b\": 2}"), str("{\"c\": 3}")));
  }

  @Test
  void toJsonString() {
    assertEquals("1", f.call("TO_JSON_STRING", i(1)));
    assertEquals("null", f.call("TO_JSON_STRING", i(null)));
    assertEquals("true", f.call("TO_JSON_STRING", bool(true)));
    assertEquals("123.456", f.call("TO_JSON_STRING", d(123.456)));
    assertEquals("\"1971-11-28T23:46:40.000\"", f.call("TO_JSON_STRING",
        arg(SqlType.TIMESTAMP, 60220000000L)));
    assertEquals("\"1970-01-11\"", f.call("TO_JSON_STRING", arg(SqlType.DATE, 10)));
    assertEquals("[1,2,3]", f.call("TO_JSON_STRING", FunctionTester.array(SqlType.INTEGER, 1, 2,
        3)));
    assertEquals("{\"id\":1}", f.call("TO_JSON_STRING",
        arg(SqlType.map(SqlType.STRING, SqlType.INTEGER), Map.of("id", 1))));
    SqlStruct s = SqlType.struct().field("A", SqlType.decimal(3, 2)).field("B", SqlType.BYTES)
        .build();
    assertEquals("{\"A\":1.50,\"B\":\"AQ==\"}", f.call("TO_JSON_STRING",
        arg(s, Struct.of(s, new BigDecimal("1.50"), new ByteString(new byte[] {1})))));
  }

  @Test
  void epochConversions() {
    assertEquals(1589234313000L, f.call("FROM_UNIXTIME", l(1589234313000L)));
    assertEquals(SqlType.TIMESTAMP, f.type("FROM_UNIXTIME", l(1L)));
    assertEquals(SqlType.DATE, f.type("FROM_DAYS", i(1)));
    assertEquals(-10, f.call("FROM_DAYS", i(-10)));
    assertEquals(100L, f.call("UNIX_TIMESTAMP", arg(SqlType.TIMESTAMP, 100L)));
    assertTrue((Long) f.call("UNIX_TIMESTAMP") > 1_600_000_000_000L);
    assertTrue((Integer) f.call("UNIX_DATE") > 18_000);
    assertEquals(7, f.call("UNIX_DATE", arg(SqlType.DATE, 7)));
    assertThrows(ExpressionTypeException.class, () -> f.call("UNIX_DATE", i(7)),
        "an INT is not a DATE");
  }

  @Test
  void parsingAndFormatting() {
    assertEquals(17662, f.call("PARSE_DATE", str("2018-05-11Lit"), str("yyyy-MM-dd'Lit'")));
    assertEquals(18993, f.call("PARSE_DATE", str("01-JAN-2022"), str("dd-MMM-yyyy")));
    assertEquals(18993, f.call("PARSE_DATE", str("JAN-2022"), str("MMM-yyyy")));
    assertEquals(18027, f.call("STRINGTODATE", str("11/05/2019"), str("dd/MM/yyyy")));
    assertEquals(SqlType.INTEGER, f.type("STRINGTODATE", str("a"), str("b")));
    assertEquals("31-12-1969Sophia", f.call("FORMAT_DATE", arg(SqlType.DATE, -1),
        str("dd-MM-yyyy'Sophia'")));
    assertEquals("01-Jan-2022", f.call("DATETOSTRING", i(18993), str("dd-MMM-yyyy")));
    assertEquals(65000, f.call("PARSE_TIME", str("00:01:05Lit"), str("HH:mm:ss'Lit'")));
    assertEquals(46800000, f.call("PARSE_TIME", str("01:00:00 Pm"), str("hh:mm:ss a")));
    assertEquals("13:00", f.call("FORMAT_TIME", arg(SqlType.TIME, 46800000), str("HH:mm")));
    assertEquals(1526075913000L, f.call("STRINGTOTIMESTAMP", str("2018-05-11T21:58:33Z"),
        str("yyyy-MM-dd'T'HH:mm:ssX")));
    assertEquals(1589234313000L, f.call("STRINGTOTIMESTAMP", str("2020-05-11T21:58:33z"),
        str("yyyy-MM-dd'T'HH:mm:ssX")));
    assertEquals(1526075913000L, f.call("PARSE_TIMESTAMP", str("2018-05-11T21:58:33"),
        str("yyyy-MM-dd'T'HH:mm:ss")));
    assertEquals(1526101113000L, f.call("PARSE_TIMESTAMP", str("2018-05-11T21:58:33 PST"),
        str("yyyy-MM-dd'T'HH:mm:ss zzz")));
    assertEquals(1526050713000L, f.call("PARSE_TIMESTAMP", str("2018-05-11T21:58:33"),
        str("yyyy-MM-dd'T'HH:mm:ss"), str("+0700")));
    assertEquals("2018-05-11 14:58:33 PDT", f.call("FORMAT_TIMESTAMP",
        arg(SqlType.TIMESTAMP, 1526075913000L), str("yyyy-MM-dd HH:mm:ss zzz"),
        str("America/Los_Angeles")));
    assertEquals("2018-05-11", f.call("TIMESTAMPTOSTRING", l(1526075913000L),
        str("yyyy-MM-dd")));
    assertNull(f.call("PARSE_DATE", str("not a date"), str("yyyy-MM-dd")));
  }

  @Test
  void timeZonesAndArithmetic() {
    assertEquals(10800100L, f.call("CONVERT_TZ", arg(SqlType.TIMESTAMP, 100L), str("+0200"),
        str("+0500")));
    assertEquals(20, f.call("DATEADD", str("DAYS"), i(10), arg(SqlType.DATE, 10)));
    assertEquals(SqlType.DATE, f.type("DATEADD", str("DAYS"), i(10), arg(SqlType.DATE, 10)));
    assertEquals(10, f.call("DATESUB", str("DAYS"), i(-5), arg(SqlType.DATE, 5)));
    assertEquals(12, f.call("DATEADD", str("HOURS"), i(48), arg(SqlType.DATE, 10)));
    assertNull(f.call("DATESUB", str("MILLISECONDS"), i(5), arg(SqlType.DATE, null)));
    assertEquals(86399997, f.call("TIMEADD", str("MILLISECONDS"), i(-5), arg(SqlType.TIME, 2)));
    assertEquals(0, f.call("TIMESUB", str("SECOND"), i(1), arg(SqlType.TIME, 1000)));
    assertEquals(-3L, f.call("TIMESTAMPADD", str("MILLISECONDS"), i(-5),
        arg(SqlType.TIMESTAMP, 2L)));
    assertEquals(-86400000L + 2, f.call("TIMESTAMPSUB", str("DAYS"), i(1),
        arg(SqlType.TIMESTAMP, 2L)));
    assertThrows(ExpressionTypeException.class, () -> f.call("DATEADD", arg(SqlType.DATE, 1),
        i(5), arg(SqlType.DATE, 1)));
    assertThrows(ExpressionTypeException.class, () -> f.call("TIMESTAMPADD",
        arg(SqlType.TIMESTAMP, 1L), i(5), arg(SqlType.TIMESTAMP, 1L)));
  }

  @Test
  void numbersFromBytes() {
    ByteString be = new ByteString(new byte[] {0, 0, 0, 1});
    assertEquals(1, f.call("INT_FROM_BYTES", arg(SqlType.BYTES, be)));
    assertEquals(16777216, f.call("INT_FROM_BYTES", arg(SqlType.BYTES, be),
        str("LITTLE_ENDIAN")));
    assertNull(f.call("INT_FROM_BYTES", arg(SqlType.BYTES, new ByteString(new byte[3]))),
        "wrong length: error");
    ByteString eight = new ByteString(new byte[] {0, 0, 0, 0, 0, 0, 1, 0});
    assertEquals(256L, f.call("BIGINT_FROM_BYTES", arg(SqlType.BYTES, eight)));
    ByteString one = new ByteString(new byte[] {0x3f, (byte) 0xf0, 0, 0, 0, 0, 0, 0});
    assertEquals(1.0, f.call("DOUBLE_FROM_BYTES", arg(SqlType.BYTES, one)));
  }
}

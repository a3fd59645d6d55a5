package io.sluice.engine.expr;

import static io.sluice.engine.expr.FunctionTester.i;
import static io.sluice.engine.expr.FunctionTester.str;
import static io.sluice.engine.expr.FunctionTester.untypedNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.SqlType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * String, regular-expression, mask, encoding and URL functions. Expected values are ksqlDB's
 * (its query-validation cases: instr, initcap, string-lpad-rpad, bytes-lpad-rpad, split, concat,
 * chr, elt-field, encode, md5, regex, url).
 */
class StringFunctionsTest {

  final FunctionTester f = new FunctionTester();

  static FunctionTester.Arg b64(String base64) {
    return FunctionTester.bytes(Base64.getDecoder().decode(base64));
  }

  static String b64(Object bytes) {
    return Base64.getEncoder().encodeToString(((ByteString) bytes).getBytes());
  }

  @Test
  void literalsOutsideLatin1() {
    assertEquals("日本語 \uFFFF 😀", f.call("UCASE", str("日本語 \uFFFF 😀")));
    assertEquals("ÉTÉ", f.call("UCASE", str("été")));
  }

  @Test
  void caseAndWhitespace() {
    assertEquals("abc", f.call("LCASE", str("aBC")));
    assertEquals("ABC", f.call("UCASE", str("aBc")));
    assertNull(f.call("LCASE", str(null)));
    assertEquals("a b", f.call("TRIM", str("  a b \t")));
    assertEquals("a b \t", f.call("LTRIM", str("  a b \t")));
    assertEquals("  a b", f.call("RTRIM", str("  a b \t")));
    assertEquals(3, f.call("LEN", str("abc")));
    assertEquals(2, f.call("LEN", bytes(1, 2)));
    assertNull(f.call("LEN", str(null)));
    assertEquals("Some_string", f.call("INITCAP", str("some_string")));
    assertEquals("The   Quick Br0wn Fox", f.call("INITCAP", str("the   Quick br0wn fOx")));
  }

  @Test
  void instr() {
    assertEquals(2, f.call("INSTR", str("corporate floor"), str("or")));
    assertEquals(5, f.call("INSTR", str("corporate floor"), str("or"), i(4)));
    assertEquals(14, f.call("INSTR", str("corporate floor"), str("or"), i(4), i(2)));
    assertEquals(5, f.call("INSTR", str("corporate floor"), str("or"), i(-4)));
    assertEquals(2, f.call("INSTR", str("corporate floor"), str("or"), i(-4), i(2)));
    assertEquals(0, f.call("INSTR", str("short"), str("or"), i(-4), i(2)));
    assertEquals(0, f.call("INSTR", str("short"), str("or"), i(4)));
    assertEquals(0, f.call("INSTR", str(null), str("or")));
  }

  @Test
  void substringOfBytes() {
    assertEquals("Yg==", b64(f.call("SUBSTRING", b64("YWJj"), i(2), i(1))));
    assertEquals("YmM=", b64(f.call("SUBSTRING", b64("YWJj"), i(-2))));
  }

  @Test
  void padding() {
    assertEquals("fooBarB", f.call("RPAD", str("foo"), i(7), str("Bar")));
    assertEquals("fooBa", f.call("RPAD", str("foo"), i(5), str("Bar")));
    assertEquals("fo", f.call("RPAD", str("foo"), i(2), str("Bar")));
    assertNull(f.call("RPAD", str("foo"), i(-1), str("Bar")));
    assertNull(f.call("RPAD", str("foo"), i(5), str(null)));
    assertNull(f.call("RPAD", str("foo"), i(7), str("")));
    assertEquals("BarBarB", f.call("RPAD", str(""), i(7), str("Bar")));
    assertEquals("BarBfoo", f.call("LPAD", str("foo"), i(7), str("Bar")));
    // bytes-lpad-rpad.json
    assertEquals("bm9ub255ZXM=", b64(f.call("LPAD", b64("eWVz"), i(8), b64("bm8="))));
    assertEquals("bm95ZXM=", b64(f.call("LPAD", b64("eWVz"), i(5), b64("bm8="))));
    assertEquals("eWU=", b64(f.call("LPAD", b64("eWVz"), i(2), b64("bm8="))));
    assertEquals("", b64(f.call("LPAD", b64("eWVz"), i(0), b64("bm8="))));
    assertNull(f.call("LPAD", b64("eWVz"), i(-1), b64("bm8=")));
    assertNull(f.call("LPAD", b64("eWVz"), i(3), b64("")));
    assertEquals("eWVzbm9u", b64(f.call("RPAD", b64("eWVz"), i(6), b64("bm8="))));
  }

  @Test
  void replaceSplitAndConcat() {
    assertEquals("bazbar", f.call("REPLACE", str("foobar"), str("foo"), str("baz")));
    assertEquals(List.of("a", "b", "c"), f.call("SPLIT", str("a.b.c"), str(".")));
    assertEquals(List.of("", "abc", ""), f.call("SPLIT", str(".abc."), str(".")));
    assertEquals(List.of("", "", "a", "", ""), f.call("SPLIT", str("..a.."), str(".")));
    assertEquals(List.of(""), f.call("SPLIT", str(""), str(".")));
    assertEquals(List.of("a", ".", "b"), f.call("SPLIT", str("a.b"), str("")));
    assertEquals(SqlType.array(SqlType.STRING), f.type("SPLIT", str("a"), str(".")));
    List<?> parts = (List<?>) f.call("SPLIT", b64("Li5hLi4="), b64("Lg=="));
    assertEquals(Arrays.asList("", "", "YQ==", "", ""), parts.stream().map(b -> b64(b)).toList());
    assertEquals(SqlType.array(SqlType.BYTES), f.type("SPLIT", b64("YQ=="), b64("Lg==")));

    assertEquals("eWVzbm8=", b64(f.call("CONCAT", b64("eWVz"), untypedNull(), b64("bm8="))));
    assertEquals("YmF5ZXNhbm8=", b64(f.call("CONCAT_WS", b64("YQ=="), b64("Yg=="), b64("eWVz"),
        untypedNull(), b64("bm8="))));
    assertEquals("YQ==", b64(f.call("CONCAT_WS", b64("YQ=="), bytes(), bytes())));
    assertEquals("a-b", f.call("CONCAT_WS", str("-"), str("a"), str(null), str("b")));
    assertNull(f.call("CONCAT_WS", str(null), str("a"), str("b")));
  }

  @Test
  void charactersAndLists() {
    assertEquals("K", f.call("CHR", str("\\u004b")));
    assertEquals("Q", f.call("CHR", i(81)));
    assertNull(f.call("CHR", i(-1)));
    assertEquals(1, f.call("FIELD", str("hello"), str("hello"), str("world")));
    assertEquals(2, f.call("FIELD", str("hello"), str("world"), str("hello")));
    assertEquals(0, f.call("FIELD", str("hello"), str(null), str("world")));
    assertEquals(0, f.call("FIELD", str(null), str(null), str("world")));
    assertEquals("world", f.call("ELT", i(2), str("hello"), str("world")));
    assertNull(f.call("ELT", i(0), str("hello"), str("world")));
    assertNull(f.call("ELT", i(3), str("hello"), str("world")));
  }

  @Test
  void hashesAndUuids() {
    assertEquals("7c92cf1eee8d99cc85f8355a3d6e4b86", f.call("MD5", str("r1")));
    assertEquals("d41d8cd98f00b204e9800998ecf8427e", f.call("MD5", str("")));
    assertNull(f.call("MD5", str(null)));
    Object u1 = f.call("UUID");
    assertEquals(36, ((String) u1).length());
    assertNotEquals(u1, f.call("UUID"), "UUID() is not folded into a constant");
    assertEquals("00000000-0000-0001-0000-000000000002", f.call("UUID",
        bytes(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2)));
  }

  static FunctionTester.Arg bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int k = 0; k < b.length; k++) {
      b[k] = (byte) values[k];
    }
    return FunctionTester.bytes(b);
  }

  @Test
  void encodings() {
    assertEquals("Example!", f.call("ENCODE", str("4578616d706C6521"), str("hex"), str("ascii")));
    assertEquals("RXhhbXBsZSE=", f.call("ENCODE", str("0x4578616d706C6521"), str("hex"),
        str("base64")));
    assertEquals("Example!", f.call("ENCODE", str("X'4578616d706C6521'"), str("hex"),
        str("utf8")));
    assertEquals("\u00dcbermensch", f.call("ENCODE", str("c39c6265726d656e736368"), str("hex"),
        str("utf8")));
    assertEquals("", f.call("ENCODE", str("x''"), str("hex"), str("utf8")));
    assertNull(f.call("ENCODE", str("0x0x"), str("hex"), str("utf8")), "malformed: null");
    assertNull(f.call("ENCODE", str(null), str("hex"), str("utf8")));
    ByteString hello = (ByteString) f.call("TO_BYTES", str("hello"), str("ascii"));
    assertEquals("hello", new String(hello.getBytes(), StandardCharsets.US_ASCII));
    assertEquals("aGVsbG8=", f.call("FROM_BYTES", FunctionTester.arg(SqlType.BYTES, hello),
        str("base64")));
    assertEquals("68656c6c6f", f.call("FROM_BYTES", FunctionTester.arg(SqlType.BYTES, hello),
        str("hex")));
  }

  @Test
  void masks() {
    assertEquals("Xxxxx-nn", f.call("MASK", str("Hello-12")));
    assertEquals("Hxxxx-nn", f.call("MASK_KEEP_LEFT", str("Hello-12"), i(1)));
    assertEquals("Xxxxx-12", f.call("MASK_KEEP_RIGHT", str("Hello-12"), i(2)));
    assertEquals("Xxllo-12", f.call("MASK_LEFT", str("Hello-12"), i(2)));
    assertEquals("Hello-nn", f.call("MASK_RIGHT", str("Hello-12"), i(2)));
    assertEquals("Hello-##", f.call("MASK_RIGHT", str("Hello-12"), i(20), str(null), str(null),
        str("#"), str(null)));
    assertNull(f.call("MASK", str(null)));
  }

  @Test
  void regularExpressions() {
    assertEquals("test_", f.call("REGEXP_EXTRACT", str("test."), str("some_test_string")));
    assertNull(f.call("REGEXP_EXTRACT", str("test."), str("anothertest")));
    assertEquals("zhang", f.call("REGEXP_EXTRACT", str("(.*) (.*)"), str("steven zhang"), i(2)));
    assertNull(f.call("REGEXP_EXTRACT", str("(.*) (.*)"), str("agavra"), i(2)));
    assertEquals(List.of("test_", "testa"), f.call("REGEXP_EXTRACT_ALL", str("test."),
        str("some_test_string_testabab")));
    assertEquals(List.of(), f.call("REGEXP_EXTRACT_ALL", str("test."), str("nothing")));
    assertEquals("a-b-c", f.call("REGEXP_REPLACE", str("a1b22c"), str("[0-9]+"), str("-")));
    assertEquals(List.of("a", "b", "", "c"), f.call("REGEXP_SPLIT_TO_ARRAY", str("a1b22c"),
        str("[0-9]")));
  }

  @Test
  void urls() {
    assertEquals("%3Ffoo+%24bar", f.call("URL_ENCODE_PARAM", str("?foo $bar")));
    assertEquals("?foo $bar", f.call("URL_DECODE_PARAM", str("%3Ffoo+%24bar")));
    assertEquals("fragment", f.call("URL_EXTRACT_FRAGMENT",
        str("http://www.test.com/?query#fragment")));
    assertNull(f.call("URL_EXTRACT_FRAGMENT", str("http://www.nofragment.com")));
    String url = "http://test@confluent.io:8080/nested/path?q=2&x=a%20b#f";
    assertEquals("confluent.io", f.call("URL_EXTRACT_HOST", str(url)));
    assertEquals("/nested/path", f.call("URL_EXTRACT_PATH", str(url)));
    assertEquals(8080, f.call("URL_EXTRACT_PORT", str(url)));
    assertNull(f.call("URL_EXTRACT_PORT", str("http://test@confluent.io")));
    assertEquals("http", f.call("URL_EXTRACT_PROTOCOL", str(url)));
    assertEquals("q=2&x=a b", f.call("URL_EXTRACT_QUERY", str(url)));
    assertEquals("q1&q2", f.call("URL_EXTRACT_QUERY", str("http://www.test.com/path?q1&q2")));
    assertEquals("a b", f.call("URL_EXTRACT_PARAMETER", str(url), str("x")));
    assertNull(f.call("URL_EXTRACT_PARAMETER", str(url), str("y")));
  }

  @Test
  void wrongArgumentsAreRejectedWhenResolving() {
    assertThrows(ExpressionTypeException.class, () -> f.call("LPAD", str("a"), i(1), bytes()));
    assertThrows(ExpressionTypeException.class, () -> f.call("TRIM", i(1)));
    assertTrue(f.errors.isEmpty());
  }
}

package io.sluice.engine.expr;

import static io.sluice.engine.expr.FunctionTester.arg;
import static io.sluice.engine.expr.FunctionTester.d;
import static io.sluice.engine.expr.FunctionTester.dec;
import static io.sluice.engine.expr.FunctionTester.i;
import static io.sluice.engine.expr.FunctionTester.l;
import static io.sluice.engine.expr.FunctionTester.str;
import static io.sluice.engine.expr.FunctionTester.untypedNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.SqlType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Numeric functions; expected values from ksqlDB's math, least, greatest, geodistance and
 * udf-implicit-cast cases.
 */
class MathFunctionsTest {

  final FunctionTester f = new FunctionTester();

  @Test
  void integerOverloadsKeepTheirType() {
    assertEquals(3, f.call("ABS", i(-3)));
    assertEquals(3L, f.call("ABS", l(-3L)));
    assertEquals(2.5, f.call("ABS", d(-2.5)));
    assertEquals(new BigDecimal("1.50"), f.call("ABS", dec("-1.50")));
    assertEquals(SqlType.decimal(3, 2), f.type("ABS", dec("-1.50")));
    assertEquals(-1, f.call("SIGN", d(-0.5)));
    assertEquals(1, f.call("SIGN", dec("0.01")));
    assertNull(f.call("ABS", i(null)));
  }

  @Test
  void ceilAndFloor() {
    assertEquals(1, f.call("FLOOR", i(1)));
    assertEquals(-2.0, f.call("FLOOR", d(-1.1)));
    assertEquals(2.0, f.call("CEIL", d(1.1)));
    assertEquals(-1.0, f.call("CEIL", d(-1.7)));
    assertEquals(new BigDecimal("-2.0"), f.call("FLOOR", dec("-1.5")));
    assertEquals(new BigDecimal("2.0"), f.call("CEIL", dec("1.1")));
    assertEquals(SqlType.decimal(2, 1), f.type("CEIL", dec("1.1")));
  }

  @Test
  void roundHalvesTowardsPositiveInfinity() {
    assertEquals(2L, f.call("ROUND", d(1.5)));
    assertEquals(-1L, f.call("ROUND", d(-1.5)));
    assertEquals(-2L, f.call("ROUND", d(-1.7)));
    assertEquals(-1.0, f.call("ROUND", d(-1.5), i(0)));
    assertEquals(12345.68, f.call("ROUND", d(12345.678), i(2)));
    assertEquals(12350.0, f.call("ROUND", d(12345.678), i(-1)));
    assertEquals(12300.0, f.call("ROUND", d(12345.678), i(-2)));
    assertEquals(0.0, f.call("ROUND", d(1.2), i(-1)));
    assertEquals(7L, f.call("ROUND", i(7)));
    assertEquals(SqlType.BIGINT, f.type("ROUND", i(7)));
    // round with large DECIMAL values
    FunctionTester.Arg big = arg(SqlType.decimal(33, 16),
        new BigDecimal("12345678987654321.0000000000000000"));
    assertEquals(new BigDecimal("12345678987654321"), f.call("ROUND", big));
    assertEquals(SqlType.decimal(17, 0), f.type("ROUND", big));
    assertEquals(new BigDecimal("12345678987654321.0000000000000000"),
        f.call("ROUND", big, i(0)));
    assertEquals(new BigDecimal("-1.20"), f.call("ROUND", dec("-1.25"), i(1)));
  }

  @Test
  void trunc() {
    assertEquals(-1L, f.call("TRUNC", d(-1.7)));
    assertEquals(12345.67, f.call("TRUNC", d(12345.678), i(2)));
    assertEquals(12340.0, f.call("TRUNC", d(12345.678), i(-1)));
    FunctionTester.Arg v = arg(SqlType.decimal(12, 7), new BigDecimal("12345.6780000"));
    assertEquals(new BigDecimal("12345"), f.call("TRUNC", v));
    assertEquals(SqlType.decimal(5, 0), f.type("TRUNC", v));
    assertEquals(new BigDecimal("12345.6700000"), f.call("TRUNC", v, i(2)));
    assertEquals(-12345, f.call("TRUNC", i(-12345)));
  }

  @Test
  void powersAndLogarithms() {
    assertEquals(0.36787944117144233, f.call("EXP", i(-1)));
    assertEquals(7.38905609893065, f.call("EXP", l(2L)));
    assertEquals(Double.NaN, f.call("LN", i(-1)));
    assertEquals(Double.NEGATIVE_INFINITY, f.call("LN", d(0.0)));
    assertEquals(1.4142135623730951, f.call("SQRT", l(2L)));
    assertEquals(-2.0, f.call("CBRT", i(-8)));
    assertEquals(0.9471572411831843, f.call("LOG", i(15), i(13)));
    assertEquals(Double.NaN, f.call("LOG", i(1), i(13)));
    assertEquals(Double.NaN, f.call("LOG", d(-15.0), d(13.0)));
    assertEquals(Double.NEGATIVE_INFINITY, f.call("LOG", i(15), i(0)));
    assertEquals(8.0, f.call("POWER", i(2), i(3)));
    assertNull(f.call("POWER", i(2), i(null)));
  }

  @Test
  void trigonometry() {
    assertEquals(3.1415926535898, f.call("ROUND", d((Double) f.call("ACOS", i(-1))), i(13)));
    assertEquals(Double.NaN, f.call("ASIN", i(2)));
    assertEquals(Double.POSITIVE_INFINITY, f.call("COT", i(0)));
    assertEquals(-114.591559026165, f.call("ROUND", d((Double) f.call("DEGREES", i(-2))),
        i(12)));
    assertEquals(Math.PI, f.call("PI"));
    assertEquals(Math.atan2(1, 2), f.call("ATAN2", i(1), i(2)));
    assertEquals(Math.tanh(0.5), f.call("TANH", d(0.5)));
    assertEquals(Math.toRadians(90), f.call("RADIANS", i(90)));
  }

  @Test
  void randomIsNotFoldedIntoAConstant() {
    double a = (Double) f.call("RANDOM");
    assertTrue(a >= 0 && a < 1);
    assertNotEquals(a, f.call("RANDOM"));
  }

  @Test
  void greatestAndLeast() {
    assertEquals(-2147483648, f.call("LEAST", i(2147483647), i(-2147483648), i(null),
        untypedNull(), i(5)));
    assertEquals(SqlType.INTEGER, f.type("LEAST", i(1), i(2)));
    assertEquals(new BigDecimal("-987654.321"), f.call("LEAST", dec("123456.789"),
        dec("-987654.321"), untypedNull()));
    // INT, BIGINT, DECIMAL and DOUBLE together: DOUBLE
    assertEquals(-1.0E12, f.call("LEAST", i(1), l(-1000000000000L), dec("-99999.99999"),
        d(null), untypedNull()));
    assertEquals(new BigDecimal("0.123456"), f.call("LEAST", dec("1234567.89"),
        dec("0.123456")));
    assertEquals("aardvark", f.call("LEAST", str("apple"), str("banana"), str("aardvark"),
        str(null), untypedNull(), str("hello")));
    assertEquals("hello", f.call("LEAST", str(null), str(null), str("hello")));
    assertEquals("banana", f.call("GREATEST", str("apple"), str("banana"), str("aardvark")));
    assertEquals(10L, f.call("GREATEST", l(3L), l(10L), l(null)));
    assertThrows(ExpressionTypeException.class, () -> f.call("GREATEST", str("a"), i(1)));
    assertThrows(ExpressionTypeException.class, () -> f.call("GREATEST"));
  }

  @Test
  void geoDistanceWidensIntegersAndDecimals() {
    assertEquals(8682.459061368269, (Double) f.call("GEO_DISTANCE", d(37.4439), d(-122.1663),
        i(51), i(0)), 1e-9);
    assertEquals(8682.459061368269, (Double) f.call("GEO_DISTANCE", d(37.4439), d(-122.1663),
        dec("51.0"), i(0)), 1e-9);
    assertEquals(8682.459061368269 / 6371.0 * 3959.0, (Double) f.call("GEO_DISTANCE",
        d(37.4439), d(-122.1663), i(51), i(0), str("mi")), 1e-9);
    assertNull(f.call("GEO_DISTANCE", d(91.0), d(0.0), d(0.0), d(0.0)), "out of range: error");
  }
}

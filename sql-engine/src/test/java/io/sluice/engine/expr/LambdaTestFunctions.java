package io.sluice.engine.expr;

/** Functions the lambda tests use, with ksqlDB's semantics (null in, null out). */
public final class LambdaTestFunctions {

  private LambdaTestFunctions() {}

  @Udf(name = "LEN", description = "length of a string")
  public static Integer len(String s) {
    return s == null ? null : s.length();
  }

  @Udf(name = "ABS", description = "absolute value")
  public static Integer abs(Integer i) {
    return i == null ? null : Math.abs(i);
  }

  @Udf(name = "TIMESTAMPADD", description = "ts plus amount of unit")
  public static Long timestampAdd(String unit, Integer amount, Long ts) {
    if (unit == null || amount == null || ts == null) {
      return null;
    }
    return ts + java.util.concurrent.TimeUnit.valueOf(unit).toMillis(amount);
  }
}

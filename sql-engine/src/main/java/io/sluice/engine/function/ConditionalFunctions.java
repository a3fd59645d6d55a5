package io.sluice.engine.function;

import java.util.Objects;

/**
 * ksqlDB's null-handling functions, generic in the value type: arguments are converted to their
 * common type first (so {@code COALESCE(int_col, 10000000000)} is BIGINT).
 */
@FunctionCategory(FunctionCategory.CONDITIONAL)
public final class ConditionalFunctions {

  private ConditionalFunctions() {}

  @Udf(name = "COALESCE", returns = "T",
      description = "The first argument that is not null; null if all are")
  public static Object coalesce(@Sql("T") Object first, @Sql("T") Object... others) {
    if (first != null || others == null) {
      return first;
    }
    for (Object o : others) {
      if (o != null) {
        return o;
      }
    }
    return null;
  }

  @Udf(name = "IFNULL", returns = "T", description = "expression, or altValue if it is null")
  public static Object ifnull(@Sql("T") Object expression, @Sql("T") Object altValue) {
    return expression != null ? expression : altValue;
  }

  @Udf(name = "NULLIF", returns = "T",
      description = "null if expression1 equals expression2, else expression1")
  public static Object nullif(@Sql("T") Object expression1, @Sql("T") Object expression2) {
    return Objects.equals(expression1, expression2) ? null : expression1;
  }

  @Udf(name = "AS_VALUE", returns = "T", description = "source unchanged: copies a key column "
      + "into the value")
  @FunctionCategory(FunctionCategory.OTHER)
  public static Object asValue(@Sql("T") Object source) {
    return source;
  }
}

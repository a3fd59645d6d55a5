package io.sluice.engine.function;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public static method returning a {@code List} as (one overload of) a SQL table
 * function: each element of the returned list is one output row's value (ksqlDB's UDTF). A null
 * list is no rows. See {@link FunctionRegistry#resolveTableFunction}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Udtf {

  /** SQL name of the function (case-insensitive). */
  String name();

  /** What it does, for {@code DESCRIBE FUNCTION}. */
  String description() default "";

  /** The SQL type of one element as a {@link TypeTemplate}, e.g. {@code "T"} or {@code "INT"}. */
  String returns();
}

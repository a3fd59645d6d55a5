package io.sluice.engine.function;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public static method as (one overload of) a SQL scalar function; see {@link
 * FunctionRegistry}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Udf {

  /** SQL name of the function (case-insensitive). */
  String name();

  /**
   * If true the method is not called when any argument is null: the result is null. If false
   * (ksqlDB's model, the default) the method receives nulls and decides itself.
   */
  boolean strict() default false;

  /** What it does, for {@code DESCRIBE FUNCTION}. */
  String description() default "";
}

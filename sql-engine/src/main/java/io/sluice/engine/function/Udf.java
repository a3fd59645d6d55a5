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

  /**
   * The result's SQL type as a {@link TypeTemplate} (e.g. {@code "ARRAY<T>"}, {@code
   * "MAP<STRING, STRING>"}); empty for the Java return type's default mapping. Its variables must
   * occur in the parameters.
   */
  String returns() default "";

  /**
   * Name of a public static method {@code SqlType m(List<SqlType> argumentTypes)} of the same
   * class computing the result type from the (converted) argument types, for results no template
   * states (a DECIMAL's precision and scale). Takes precedence over {@link #returns()}.
   */
  String returnTypeOf() default "";

  /**
   * False for functions whose result may differ between calls with the same arguments (RANDOM,
   * UUID, the current time): they are never folded into constants.
   */
  boolean deterministic() default true;
}

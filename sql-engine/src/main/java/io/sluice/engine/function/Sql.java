package io.sluice.engine.function;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The SQL type of a function parameter as a {@link TypeTemplate}, where the Java type does not
 * say it: generic parameters ({@code "T"}, {@code "ARRAY<T>"}), typed containers and the temporal
 * types, whose Java classes (Integer, Long) are shared with INT and BIGINT.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Sql {
  String value();
}

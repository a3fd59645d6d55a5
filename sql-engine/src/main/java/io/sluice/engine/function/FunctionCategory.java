package io.sluice.engine.function;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The category of every function a holder class declares, as {@code SHOW FUNCTIONS} prints it
 * (ksqlDB's names: {@code STRING}, {@code MATHEMATICAL}, {@code DATE / TIME}, ...); a method's
 * own annotation overrides its class's.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface FunctionCategory {
  String STRING = "STRING";
  String REGULAR_EXPRESSION = "REGULAR EXPRESSION";
  String MATHEMATICAL = "MATHEMATICAL";
  String CONDITIONAL = "CONDITIONAL";
  String CONVERSIONS = "CONVERSIONS";
  String DATE_TIME = "DATE / TIME";
  String JSON = "JSON";
  String ARRAY = "ARRAY";
  String MAP = "MAP";
  String URL = "URL";
  String TABLE = "TABLE";
  String AGGREGATE = "AGGREGATE";
  String OTHER = "OTHER";

  String value();
}

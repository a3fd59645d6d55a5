package io.sluice.engine.function;

import java.util.List;

/** The holder classes of ksqlDB's built-in functions, one per category. */
public final class BuiltInFunctions {

  /** Every built-in holder, registered by {@link FunctionRegistry#withBuiltIns()}. */
  public static final List<Class<?>> HOLDERS = List.of(
      StringFunctions.class,
      MaskFunctions.class,
      RegexFunctions.class,
      ConversionFunctions.class,
      MathFunctions.class,
      ConditionalFunctions.class,
      DateTimeFunctions.class,
      JsonFunctions.class,
      ArrayFunctions.class,
      MapFunctions.class,
      UrlFunctions.class,
      TableFunctions.class);

  private BuiltInFunctions() {}
}

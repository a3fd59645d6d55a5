/**
 * Functions: one registry ({@link io.sluice.engine.function.FunctionRegistry}) of ksqlDB's scalar
 * and table functions, each overload a public static Java method annotated {@link
 * io.sluice.engine.function.Udf} or {@link io.sluice.engine.function.Udtf}, with its SQL signature,
 * overload resolution and the metadata of {@code DESCRIBE FUNCTION} and {@code SHOW FUNCTIONS}; and
 * of ksqlDB's aggregate functions ({@link io.sluice.engine.function.aggregate}).
 *
 * <p>This package knows SQL types ({@link io.sluice.engine.types}) and Java methods only; it does
 * not see Calcite's planner or code generator. {@code io.sluice.engine.expr} turns a resolved call
 * into a Calcite operator whose generated code calls the method directly; the planner's flat-map
 * operator calls a resolved table function's method.
 */
package io.sluice.engine.function;

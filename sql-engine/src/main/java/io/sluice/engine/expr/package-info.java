/**
 * Expressions: ksqlDB expression forms to Calcite {@code RexNode}s ({@link
 * io.sluice.engine.expr.ExpressionBuilder}: type derivation and validation with ksqlDB's rules),
 * then simplification, constant folding and compilation to bytecode ({@link
 * io.sluice.engine.expr.CompiledExpressions}: {@code RexSimplify}, {@code RexExecutorImpl},
 * {@code RexToLixTranslator}, Janino) into an {@link io.sluice.engine.expr.Evaluator} whose
 * per-record methods run generated code only.
 *
 * <p>Where ksqlDB's semantics differ from Calcite's built-in operators, Sluice uses its own
 * operators ({@link io.sluice.engine.expr.KsqlOperators}) implemented by static methods ({@link
 * io.sluice.engine.expr.KsqlRuntime}) that the generated code calls directly; scalar functions
 * ({@link io.sluice.engine.function.FunctionRegistry}) are compiled the same way ({@link
 * io.sluice.engine.expr.FunctionOperators}).
 *
 * <p>The planner's entry point from SQL is {@link io.sluice.engine.expr.AstExpressions}: the
 * grammar's expression AST to RexNodes, column references resolved by a {@link
 * io.sluice.engine.expr.ColumnScope}, errors positioned at {@code line:col}. Lambdas (TRANSFORM,
 * FILTER, REDUCE) are compiled to their own bytecode ({@link
 * io.sluice.engine.expr.CompiledLambda}) and applied by {@link
 * io.sluice.engine.expr.LambdaRuntime}, which the enclosing expression's generated code calls.
 */
package io.sluice.engine.expr;

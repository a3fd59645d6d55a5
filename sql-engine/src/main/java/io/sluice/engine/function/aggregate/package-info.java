/**
 * Aggregate functions (ksqlDB's UDAFs): {@link io.sluice.engine.function.aggregate.Aggregate} is
 * the contract the aggregation operator drives, {@link
 * io.sluice.engine.function.aggregate.BuiltInAggregates} the functions, resolved through {@link
 * io.sluice.engine.function.FunctionRegistry#resolveAggregate}.
 *
 * <h2>How an aggregation operator uses them</h2>
 *
 * <ol>
 *   <li>Planning: rewrite {@code F(*)} and {@code F()} to {@code F(ROWTIME)}; describe each
 *       argument as an {@link io.sluice.engine.function.aggregate.AggregateArgument} (literals
 *       with their values) and resolve with the session properties. The {@link
 *       io.sluice.engine.function.aggregate.ResolvedAggregate} gives the argument types to
 *       convert to, the column arguments to evaluate per record, the accumulator type (one
 *       column of the state store's value schema per aggregate: the store serializes
 *       accumulators with the engine's formats; DELIMITED cannot hold STRUCT, ARRAY or MAP
 *       accumulators, which ksqlDB reports as "One of the functions used in the statement has an
 *       intermediate type that the value format can not handle") and the result type.</li>
 *   <li>Over a TABLE, every aggregate must {@code canUndo()}; otherwise reject the statement
 *       with {@link io.sluice.engine.function.aggregate.AggregateFunction#tableSourceError}.
 *       When a source row changes, undo its old values in the old group, then aggregate the new
 *       values in the new group (the same group: undo, aggregate, one output). A deleted row is
 *       an undo only.</li>
 *   <li>Per record: {@code acc = aggregate(input, acc, sequence)} with the record's sequence
 *       (its offset in the input partition), then emit {@code map(acc)}.</li>
 *   <li>Session windows: a record that joins windows is added to the earliest window's
 *       accumulator, then later windows are merged in order ({@code merge(earlier, later)}),
 *       which gives COLLECT_LIST's documented order.</li>
 * </ol>
 */
package io.sluice.engine.function.aggregate;

/**
 * The typed, immutable AST of the ksqlDB dialect, produced by {@link io.sluice.grammar.SqlParser}.
 *
 * <p>Conventions for every type in this package:
 * <ul>
 *   <li>Nodes are records (or enums); lists are immutable copies ({@link java.util.List#copyOf}),
 *       maps are immutable and keep source order.</li>
 *   <li>No component is ever {@code null}: an absent part is an empty {@link java.util.Optional},
 *       {@link java.util.OptionalInt} or list. Constructors reject {@code null}.</li>
 *   <li>Every node carries the {@link io.sluice.grammar.ast.Pos} (line:column, both 1-based) where
 *       its text starts. Positions take no part in equality, so two nodes are equal when they
 *       have the same structure, wherever they were written (useful to match a SELECT expression
 *       against a GROUP BY one).</li>
 *   <li>Names are {@link io.sluice.grammar.ast.Identifier}s: unquoted names are upper-cased,
 *       quoted ones keep their case.</li>
 * </ul>
 */
package io.sluice.grammar.ast;

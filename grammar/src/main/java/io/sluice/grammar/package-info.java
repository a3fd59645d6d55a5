/**
 * The ksqlDB-dialect SQL grammar (ANTLR 4) and its typed, immutable AST.
 *
 * <ul>
 *   <li>{@link io.sluice.grammar.SqlParser}: {@code parseStatement}, {@code parseScript} (with or
 *       without {@code ${variables}}), {@code parseExpression}, {@code parseType}; the AST is in
 *       {@link io.sluice.grammar.ast}.</li>
 *   <li>{@link io.sluice.grammar.SqlSyntaxException}: every rejection, with line, column, the
 *       offending token and a short list of what was expected.</li>
 *   <li>{@link io.sluice.grammar.Variables}: ksqlDB's {@code ${name}} substitution.</li>
 *   <li>{@link io.sluice.grammar.SqlFormatter}: expressions and types back to SQL.</li>
 * </ul>
 *
 * <p>The grammar is {@code src/main/antlr4/io/sluice/grammar/SluiceSql.g4}; the classes ANTLR
 * generates from it ({@code SluiceSql*}) are public because ANTLR makes them so, but they are
 * not part of the API.
 */
package io.sluice.grammar;

/** The ksqlDB-dialect SQL grammar (ANTLR 4) and its typed, immutable AST. */
package io.sluice.grammar;

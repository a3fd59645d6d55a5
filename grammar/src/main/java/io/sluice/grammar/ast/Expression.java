package io.sluice.grammar.ast;

/**
 * A value expression. {@link io.sluice.grammar.SqlFormatter#format(Expression)} prints one back as
 * SQL.
 */
public sealed interface Expression extends Node
    permits Literal, ColumnRef, LambdaVariable, ArithmeticUnary, ArithmeticBinary, Concat,
        Comparison, LogicalBinary, Not, Between, InList, Like, IsNull, IsDistinctFrom,
        SearchedCase, SimpleCase, Cast, ArrayConstructor, MapConstructor, StructConstructor,
        Subscript, Dereference, FunctionCall, Lambda, IntervalUnit {}

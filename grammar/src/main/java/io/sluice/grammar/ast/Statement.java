package io.sluice.grammar.ast;

/** One SQL statement. */
public sealed interface Statement extends Node
    permits CreateSource, CreateAsSelect, InsertInto, InsertValues, Query, Show, DescribeSource,
        DescribeSources, DescribeFunction, Explain, ExplainQueryId, DropSource, CreateType,
        DropType, Terminate, Print, SetProperty, UnsetProperty, DefineVariable,
        UndefineVariable {}

package io.sluice.grammar.ast;

/** One item of a select list. */
public sealed interface SelectItem extends Node permits AllColumns, AllStructFields, SingleColumn {}

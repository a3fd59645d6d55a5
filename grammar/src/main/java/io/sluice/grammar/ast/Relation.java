package io.sluice.grammar.ast;

/**
 * The FROM clause: a single source, or joins. {@code a JOIN b ON .. JOIN c ON ..} is
 * left-deep: {@code Join(Join(a, b), c)}.
 */
public sealed interface Relation extends Node permits AliasedSource, Join {}

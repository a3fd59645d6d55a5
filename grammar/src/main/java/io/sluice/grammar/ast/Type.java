package io.sluice.grammar.ast;

/**
 * A SQL type as written: a column's, a CAST's or a CREATE TYPE's.
 * {@link io.sluice.grammar.SqlFormatter#format(Type)} prints one back as SQL.
 */
public sealed interface Type extends Node
    permits PrimitiveType, DecimalType, ArrayType, MapType, StructType, NamedType {}

package io.sluice.grammar.ast;

/** Whether a source is a stream or a table. */
public enum SourceKind {
  STREAM, TABLE
}

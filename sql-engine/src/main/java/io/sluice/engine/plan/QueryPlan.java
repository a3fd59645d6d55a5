package io.sluice.engine.plan;

import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import java.util.List;

/** What every plan of a persistent query tells: its input, its output columns, EXPLAIN's text. */
public sealed interface QueryPlan permits StreamPlan, AggregatePlan {

  /** The source read. */
  Source input();

  /** The output columns as the sink declares them: keys first, then values. */
  List<SourceColumn> sinkColumns();

  /** A human-readable description, for EXPLAIN. */
  String describe();
}

package io.sluice.engine.exec;

import io.sluice.engine.plan.StreamPlan;

/** Builds the operators of one task from a plan, ending in the given terminal operator. */
public final class OperatorChain {

  private OperatorChain() {}

  /**
   * The head of the chain for one task: PARTITION BY's stage, the projection, the flat-map
   * stage, then {@code terminal}.
   */
  public static Operator build(StreamPlan plan, Operator terminal, ProcessingLog log) {
    Operator next = terminal;
    if (plan.tableFunctions().isPresent()) {
      next = new FlatMapOperator(plan.tableFunctions().get(), log, next);
    }
    FilterProjectOperator project = new FilterProjectOperator(plan.projection(), false, next);
    next = plan.overTable() ? project.overTable() : project;
    if (plan.rekey().isPresent()) {
      next = new FilterProjectOperator(plan.rekey().get(), true, next);
    }
    return next;
  }
}

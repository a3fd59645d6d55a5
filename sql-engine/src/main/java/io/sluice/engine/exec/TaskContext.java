package io.sluice.engine.exec;

/**
 * What a task is processing now: the input record whose rows are passing through the operator
 * chain. Set by the task before it pushes a record's row; read by sinks that mark output with
 * its origin. One per task, used by the task's thread only.
 */
public final class TaskContext {

  private int partition = -1;
  private long offset = -1;

  /** Sets the record being processed. */
  public void at(int partition, long offset) {
    this.partition = partition;
    this.offset = offset;
  }

  /** The input partition of the record being processed. */
  public int partition() {
    return partition;
  }

  /** The input offset of the record being processed. */
  public long offset() {
    return offset;
  }
}

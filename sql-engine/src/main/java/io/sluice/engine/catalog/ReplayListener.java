package io.sluice.engine.catalog;

import io.sluice.grammar.ast.Statement;

/**
 * Told of each command while {@link Catalog#open} replays the command log: how the query layer
 * restarts its persistent queries.
 */
@FunctionalInterface
public interface ReplayListener {

  /** A listener that does nothing. */
  ReplayListener NONE = (offset, command, statement) -> { };

  /**
   * Called once per command, in log order, on the thread running {@link Catalog#open}: after the
   * catalog applied it when it is a catalog statement (CREATE/DROP STREAM|TABLE|TYPE), for every
   * other statement (CREATE ... AS SELECT, INSERT INTO, TERMINATE, ...) for the listener alone.
   * Not called for a command whose text no longer parses. What it throws is recorded as a replay
   * failure of that command ({@link Catalog#replayFailures()}) and the replay goes on.
   *
   * @param offset the command's offset in the command log
   * @param command the command
   * @param statement the command's statement, parsed
   */
  void onCommand(long offset, Command command, Statement statement);
}

package io.sluice.engine.log;

import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;

/** What both {@link LogIO} implementations do with the writers they made. */
final class LogWriters {

  private LogWriters() {}

  /**
   * Closes (flushes) each writer, logging failures instead of throwing: closing a LogIO must
   * release every writer even when one cannot flush.
   */
  static void closeAll(Collection<? extends LogWriter> writers, Logger log) {
    for (LogWriter w : List.copyOf(writers)) {
      try {
        w.close();
      } catch (RuntimeException e) {
        log.warn("closing a writer failed: {}", e.toString());
      }
    }
  }
}

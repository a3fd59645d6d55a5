package io.sluice.engine.query;

/**
 * How an {@link Engine} runs.
 *
 * @param manual when true no query runs on its own thread: the caller drives every query with
 *     {@link Engine#runUntilIdle()} (the deterministic test mode of the conformance runner);
 *     when false each query has a thread
 * @param sourceHeaders whether persistent queries mark output records with their origin (the
 *     {@code sluice.source} header) so that a restart resumes exactly; off only where nothing
 *     restarts (test mode), since the header is visible to consumers
 * @param defaultOffsetReset where new queries start reading when the session does not set
 *     {@code auto.offset.reset}: {@code earliest} or {@code latest}
 */
public record EngineConfig(boolean manual, boolean sourceHeaders, String defaultOffsetReset) {

  /** A server's engine: a thread per query, exact restarts, reading from the earliest offset. */
  public static final EngineConfig SERVER = new EngineConfig(false, true, "earliest");

  /** The test mode: caller-driven, no origin headers. */
  public static final EngineConfig TEST = new EngineConfig(true, false, "earliest");

  public EngineConfig {
    if (!defaultOffsetReset.equals("earliest") && !defaultOffsetReset.equals("latest")) {
      throw new IllegalArgumentException("defaultOffsetReset must be earliest or latest, not "
          + defaultOffsetReset);
    }
  }
}

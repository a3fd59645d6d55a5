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
 * @param stateDir where persistent queries keep their state stores (one directory per query);
 *     null for a temporary directory removed at close
 * @param serviceId names the engine's internal topics (ksqlDB's {@code ksql.service.id}): engines
 *     with the same id over the same log share their catalog and queries; empty for the default
 *     topics {@code _sluice_commands} and {@code _sluice_query_progress}
 */
public record EngineConfig(boolean manual, boolean sourceHeaders, String defaultOffsetReset,
    String serviceId, java.nio.file.Path stateDir) {

  /** A server's engine: a thread per query, exact restarts, reading from the earliest offset. */
  public static final EngineConfig SERVER = new EngineConfig(false, true, "earliest", "", null);

  /** The test mode: caller-driven, no origin headers. */
  public static final EngineConfig TEST = new EngineConfig(true, false, "earliest", "", null);

  /** This configuration with another service id. */
  public EngineConfig withServiceId(String id) {
    return new EngineConfig(manual, sourceHeaders, defaultOffsetReset, id, stateDir);
  }

  /** This configuration with another state directory. */
  public EngineConfig withStateDir(java.nio.file.Path dir) {
    return new EngineConfig(manual, sourceHeaders, defaultOffsetReset, serviceId, dir);
  }

  /** The command topic of this service. */
  public String commandTopic() {
    return serviceId.isEmpty() ? "_sluice_commands" : "_sluice_" + serviceId + "_commands";
  }

  /** The topic of this service's query checkpoints. */
  public String progressTopic() {
    return serviceId.isEmpty() ? "_sluice_query_progress"
        : "_sluice_" + serviceId + "_query_progress";
  }

  public EngineConfig {
    java.util.Objects.requireNonNull(serviceId, "serviceId");
    if (!serviceId.matches("[A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("serviceId may hold letters, digits, '.', '_' and '-'"
          + " only, not '" + serviceId + "'");
    }
    if (!defaultOffsetReset.equals("earliest") && !defaultOffsetReset.equals("latest")) {
      throw new IllegalArgumentException("defaultOffsetReset must be earliest or latest, not "
          + defaultOffsetReset);
    }
  }
}

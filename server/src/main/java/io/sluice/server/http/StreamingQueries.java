package io.sluice.server.http;

import io.sluice.engine.query.StreamingQuery;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The push queries and PRINTs HTTP clients are streaming now, by id, so that {@code
 * /close-query} can stop one from another connection. A query is here from its start until it
 * has ended. Thread-safe.
 */
final class StreamingQueries {

  private final Map<String, StreamingQuery> running = new ConcurrentHashMap<>();

  void add(StreamingQuery q) {
    running.put(q.id(), q);
    q.ended().whenComplete((v, e) -> running.remove(q.id(), q));
  }

  Optional<StreamingQuery> get(String id) {
    return Optional.ofNullable(running.get(id));
  }

  /** Closes every query (server shutdown); waits for each. */
  void closeAll() {
    running.values().forEach(StreamingQuery::close);
  }
}

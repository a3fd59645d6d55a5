package io.sluice.server.http;

import io.sluice.engine.query.Engine;
import java.util.concurrent.ExecutorService;

/**
 * What every endpoint shares: the engine, the server's identity for {@code /info}, the worker
 * threads that run statements (never the event loops: a statement may take a second to plan and
 * compile, and the engine runs one at a time), and the streaming queries clients can close.
 *
 * @param maxBodyBytes the largest request body (and, for {@code /inserts-stream}, line) taken
 */
record ApiContext(Engine engine, String version, String kafkaClusterId, String serviceId,
    ExecutorService workers, StreamingQueries queries, int maxBodyBytes) {
}

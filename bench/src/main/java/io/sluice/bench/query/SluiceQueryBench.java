package io.sluice.bench.query;

import io.sluice.engine.log.ClientLogIO;
import io.sluice.engine.query.Engine;
import io.sluice.engine.query.EngineConfig;
import io.sluice.engine.query.Session;
import java.util.List;
import java.util.Map;

/**
 * The Sluice side of the query benchmark as a client of the harness's broker: {@link BidsQuery}'s
 * DDL and CSAS run by Sluice's SQL engine in this JVM, reading and writing the broker over TCP
 * ({@link ClientLogIO}), timed exactly like the Kafka Streams side by {@link TimedRun}. The engine
 * is opened (under a service id of its own, so each run starts from an empty catalog while the
 * broker outlives rounds) and warmed up before the clock, as a running engine is when a user
 * submits a query; the clock covers the statements and the query. Unlike the Kafka Streams side
 * it does not create {@code bids_out}: the CSAS does (with 6 partitions), inside the timed span.
 *
 * <p>usage: SluiceQueryBench BOOTSTRAP N SEED
 */
public final class SluiceQueryBench {

    private SluiceQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        run(args, TimedRun.STATELESS, List.of(BidsQuery.CREATE_STREAM_SQL, BidsQuery.CSAS_SQL));
    }

    /** Runs {@code statements} (the last one starts the query) timed for {@code target}. */
    static void run(String[] args, TimedRun.Target target, List<String> statements) throws Exception {
        try (ClientLogIO io = new ClientLogIO(args[0], Map.of());
             Engine engine = Engine.open(io, EngineConfig.SERVER.withServiceId("bench-" + System.nanoTime()))) {
            engine.warmUp();
            TimedRun.run("sluice", args, target,
                    topics -> topics.delete(target.outputTopic()),
                    bootstrap -> start(engine, statements));
        }
    }

    /** Runs the statements; the query they start runs on the engine's thread until closed. */
    static TimedRun.RunningQuery start(Engine engine, List<String> statements) {
        Session session = new Session();
        for (String sql : statements) {
            engine.execute(sql, session);
        }
        return new TimedRun.RunningQuery() {
            @Override
            public String failure() {
                return engine.queries().stream().filter(q -> q.runner().failure() != null)
                        .map(q -> q.id() + ": " + q.runner().failure()).findFirst().orElse(null);
            }

            @Override
            public void close() {
                engine.queries().forEach(q -> q.runner().close());
            }
        };
    }
}

package io.sluice.bench.query;

import io.sluice.engine.log.ClientLogIO;
import io.sluice.engine.query.Engine;
import io.sluice.engine.query.EngineConfig;
import io.sluice.engine.query.Session;
import java.util.Map;

/**
 * The Sluice side of the query benchmark: {@link BidsQuery}'s DDL and CSAS run by Sluice's SQL engine
 * in this JVM, reading and writing the broker over TCP (kafka-clients, through
 * {@code io.sluice.engine.log.ClientLogIO}), timed exactly like the Kafka Streams side by
 * {@link TimedRun}. Unlike the Kafka Streams side it does not create {@code bids_out}: the CSAS does
 * (with 6 partitions), inside the timed span; {@link LoadBids} deleted the previous round's.
 *
 * <p>usage: SluiceQueryBench BOOTSTRAP N SEED
 */
public final class SluiceQueryBench {

    private SluiceQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        TimedRun.run("sluice", args,
                topics -> topics.delete(BidsQuery.OUTPUT_TOPIC),
                bootstrap -> {
                    AutoCloseable engine = runSluiceQuery(bootstrap, BidsQuery.CREATE_STREAM_SQL, BidsQuery.CSAS_SQL);
                    return engine::close;
                });
    }

    /**
     * Starts the persistent query and returns while it runs; closing the result stops the query and
     * releases the engine and its clients (the caller closes it once, after the last output).
     *
     * <p>The engine reads and writes the broker over TCP ({@link ClientLogIO}), in server mode (a
     * thread per query, output marked for exact restarts: what a Sluice server runs), under a
     * service id of its own, so each run starts from an empty catalog while the broker outlives
     * rounds.
     */
    static AutoCloseable runSluiceQuery(String bootstrap, String createStreamSql, String csasSql) throws Exception {
        ClientLogIO io = new ClientLogIO(bootstrap, Map.of());
        Engine engine = Engine.open(io, EngineConfig.SERVER.withServiceId("bench-" + System.nanoTime()));
        Session session = new Session();
        engine.execute(createStreamSql, session);
        engine.execute(csasSql, session);
        return () -> {
            String failure = engine.queries().stream().filter(q -> q.runner().failure() != null)
                    .map(q -> q.id() + ": " + q.runner().failure()).findFirst().orElse(null);
            engine.close();
            io.close();
            if (failure != null) {
                throw new IllegalStateException("query failed: " + failure);
            }
        };
    }
}

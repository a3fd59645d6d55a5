package io.sluice.bench.query;

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

    // ------------------------------------------------------------------------------------------
    // TO FILL IN once io.sluice.engine.query is merged: the only engine-specific code of the bench.
    // ------------------------------------------------------------------------------------------

    /**
     * Starts the persistent query and returns while it runs; closing the result stops the query and
     * releases the engine and its clients (the caller closes it once, after the last output).
     *
     * <p>Contract: open an engine over {@code bootstrap} with a fresh, private catalog (each call is a
     * new JVM, but the broker outlives rounds: a command topic or query id reused across rounds
     * would replay or clash with the previous round's statements), execute {@code createStreamSql},
     * then {@code csasSql}, and return without waiting for the query to catch up: the caller counts
     * {@code bids_out}'s records to find the end. Run the query's tasks with the engine's default
     * single-core settings; this JVM is pinned to one core by the harness. Engine failures after the
     * start should make {@link AutoCloseable#close} throw, or better, be surfaced sooner.
     *
     * <p>Expected API (being written in io.sluice.engine.query):
     * <pre>{@code
     * LogIO io = new io.sluice.engine.log.ClientLogIO(bootstrap, Map.of());   // exists today
     * Engine engine = io.sluice.engine.query.Engine.open(io, EngineConfig...); // with a unique
     *                                                          // service/command-topic id per run
     * engine.execute(createStreamSql);
     * engine.execute(csasSql);
     * return () -> { engine.close(); io.close(); };
     * }</pre>
     *
     * @param bootstrap       the broker, {@code host:port}
     * @param createStreamSql {@link BidsQuery#CREATE_STREAM_SQL}
     * @param csasSql         {@link BidsQuery#CSAS_SQL}
     * @return the running query; {@code close()} stops it
     */
    static AutoCloseable runSluiceQuery(String bootstrap, String createStreamSql, String csasSql) throws Exception {
        throw new UnsupportedOperationException("the Sluice engine API (io.sluice.engine.query.Engine.open(LogIO, "
                + "EngineConfig) over io.sluice.engine.log.ClientLogIO, then engine.execute(sql) per statement) "
                + "is not merged yet: fill in SluiceQueryBench.runSluiceQuery");
    }
}

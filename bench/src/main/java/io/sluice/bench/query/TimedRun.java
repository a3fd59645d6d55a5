package io.sluice.bench.query;

import java.time.Duration;

/**
 * The timing both sides share, so that they are measured the same way: compute the expected output
 * count (before the clock), start the query, poll {@code bids_out}'s end offsets every
 * {@value #POLL_MS} ms until their sum reaches the expected count, stop the query, then check the
 * output ({@link OutputCheck}). Prints one line:
 *
 * <pre>RESULT side=S n=N outputs=M seconds=T events_per_s=E first_output_s=F checked=C</pre>
 *
 * where {@code seconds} runs from just before the query is started (the JVM and the class loading
 * of this harness excluded, the engine's own start included) to the poll that saw the last output,
 * and {@code events_per_s = N / seconds}. Exits non-zero (via an exception) on a stall, a failed
 * query or a wrong output.
 */
final class TimedRun {

    /** A started query: {@link #failure} is polled while waiting; {@link #close} stops it. */
    interface RunningQuery extends AutoCloseable {
        /** Why the query died, or null while it runs. */
        default String failure() {
            return null;
        }
    }

    /** Starts the query against {@code bootstrap} and returns without waiting for it to finish. */
    @FunctionalInterface
    interface Starter {
        RunningQuery start(String bootstrap) throws Exception;
    }

    /**
     * What a run waits for and checks: the output topic, the exact number of records the query
     * must write into it, and the check of those records after the stop (returns how many
     * records or keys it compared; throws {@link IllegalStateException} with what differs).
     */
    interface Target {
        String outputTopic();

        long expectedOutputs(BidGenerator gen, long n);

        int check(String bootstrap, BidGenerator gen, long n, long expected) throws Exception;
    }

    /** The stateless query of {@link BidsQuery}, checked by {@link OutputCheck}. */
    static final Target STATELESS = new Target() {
        @Override
        public String outputTopic() {
            return BidsQuery.OUTPUT_TOPIC;
        }

        @Override
        public long expectedOutputs(BidGenerator gen, long n) {
            return gen.expectedOutputs(n);
        }

        @Override
        public int check(String bootstrap, BidGenerator gen, long n, long expected) throws Exception {
            return OutputCheck.check(bootstrap, gen, n, expected);
        }
    };

    private static final long POLL_MS = 50;
    /** How long the output may stay still before the run is declared stuck. */
    private static final Duration STALL = Duration.ofSeconds(90);

    private TimedRun() {
    }

    /**
     * Runs one side. {@code args}: BOOTSTRAP N SEED (as the events were loaded by {@link LoadBids}).
     * {@code prepare} runs before the clock (e.g. the Kafka Streams side creates {@code bids_out});
     * {@code starter} right after the clock starts. The query is closed once, before the check.
     */
    static void run(String side, String[] args, Prepare prepare, Starter starter) throws Exception {
        run(side, args, STATELESS, prepare, starter);
    }

    /** Runs one side of {@code target}'s query; as above. */
    static void run(String side, String[] args, Target target, Prepare prepare, Starter starter)
            throws Exception {
        if (args.length != 3) {
            System.err.println("usage: " + side + " BOOTSTRAP N SEED");
            System.exit(2);
        }
        String bootstrap = args[0];
        long n = Long.parseLong(args[1]);
        long seed = Long.parseLong(args[2]);
        BidGenerator gen = new BidGenerator(seed);
        long expected = target.expectedOutputs(gen, n);
        String output = target.outputTopic();
        try (Topics topics = new Topics(bootstrap)) {
            long inputs = topics.endOffsetSum(BidsQuery.INPUT_TOPIC, BidsQuery.PARTITIONS);
            if (inputs != n) {
                throw new IllegalStateException("bids holds " + inputs + " records, expected " + n + ": load it first");
            }
            prepare.prepare(topics);

            long start = System.nanoTime();
            long firstOutput = -1;
            long seen = 0;
            long lastProgress = start;
            RunningQuery q = starter.start(bootstrap);
            double secs;
            try {
                while (seen < expected) {
                    Thread.sleep(POLL_MS);
                    String failure = q.failure();
                    if (failure != null) {
                        throw new IllegalStateException(side + " query failed after " + seen + " outputs: " + failure);
                    }
                    // the query creates bids_out itself on the Sluice side: absent means none yet
                    long now = topics.exists(output) ? topics.endOffsetSum(output, BidsQuery.PARTITIONS) : 0;
                    long t = System.nanoTime();
                    if (now > seen) {
                        if (firstOutput < 0) {
                            firstOutput = t;
                        }
                        seen = now;
                        lastProgress = t;
                    } else if (t - lastProgress > STALL.toNanos()) {
                        throw new IllegalStateException(side + ": no new output for " + STALL + "; " + seen + " of "
                                + expected + " expected records in " + output);
                    }
                }
                secs = (System.nanoTime() - start) / 1e9;
            } finally {
                q.close();
            }
            // after the stop: a late duplicate or a missing record shows up in the exact count here
            int checked = target.check(bootstrap, gen, n, expected);
            System.out.printf("RESULT side=%s n=%d outputs=%d seconds=%.3f events_per_s=%.0f first_output_s=%.3f "
                    + "checked=%d%n", side, n, expected, secs, n / secs,
                    firstOutput < 0 ? 0.0 : (firstOutput - start) / 1e9, checked);
        }
    }

    /** Work before the clock starts, with the run's {@link Topics}. */
    @FunctionalInterface
    interface Prepare {
        void prepare(Topics topics) throws Exception;
    }
}

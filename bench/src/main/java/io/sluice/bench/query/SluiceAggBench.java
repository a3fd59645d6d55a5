package io.sluice.bench.query;

/**
 * The Sluice sides of the aggregation benchmark: {@link AggQuery}'s statements run by Sluice's SQL
 * engine, either as a client of the harness's broker ({@code client}: {@link SluiceQueryBench}'s
 * setup) or as a Sluice server runs it, engine and its own log in this JVM ({@code embedded}:
 * {@link SluiceEmbeddedQueryBench}'s setup); timed and checked as the Kafka Streams side.
 *
 * <p>usage: SluiceAggBench QUERY SIDE BOOTSTRAP N SEED (QUERY: HOP_COUNT or BIDDER_SUM; SIDE: client
 * or embedded)
 */
public final class SluiceAggBench {

    private SluiceAggBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: SluiceAggBench HOP_COUNT|BIDDER_SUM client|embedded BOOTSTRAP N SEED");
            System.exit(2);
        }
        AggQuery query = AggQuery.valueOf(args[0]);
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        switch (args[1]) {
            case "client" -> SluiceQueryBench.run(rest, query, query.sluiceStatements());
            case "embedded" -> SluiceEmbeddedQueryBench.run(rest, query, query.sluiceStatements());
            default -> throw new IllegalArgumentException("SIDE is client or embedded, not " + args[1]);
        }
    }
}

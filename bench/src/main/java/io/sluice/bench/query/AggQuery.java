package io.sluice.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The two queries of the aggregation benchmark over {@link BidGenerator}'s bids, fixed here for
 * both sides (Sluice's SQL, the Kafka Streams topology in {@link KafkaStreamsAggBench}), with
 * their output checks.
 *
 * <ul>
 * <li>{@link #HOP_COUNT} (Nexmark q5-like): {@code SELECT auction, COUNT(*) AS num FROM bids
 *     WINDOW HOPPING (SIZE 10 SECONDS, ADVANCE BY 2 SECONDS, GRACE PERIOD 1 HOUR) GROUP BY
 *     auction}: every bid updates the 5 windows holding its time;</li>
 * <li>{@link #BIDDER_SUM}: {@code SELECT bidder, SUM(price) AS total FROM bids GROUP BY bidder}:
 *     every bid updates one of 100,000 bidders.</li>
 * </ul>
 *
 * <p>Semantics both sides implement: event time is the bid's {@code dateTime} (ksqlDB's
 * {@code TIMESTAMP='dateTime'}; a Kafka Streams timestamp extractor); windows are aligned to
 * the epoch; the grace (1 hour) exceeds the input's span (N ms), so no bid is late; every update
 * of a group is written (ksqlDB's EMIT CHANGES, Kafka Streams with its record cache disabled), so
 * topic {@value #OUTPUT_TOPIC} receives exactly 5N (HOP_COUNT) or N (BIDDER_SUM) records. Output
 * keys: the group key as an 8-byte BIGINT (ksqlDB's KAFKA format), followed for a window by its
 * start as 8 bytes (Kafka Streams' time-windowed serializer); values: JSON {@code {"NUM":n}} or
 * {@code {"TOTAL":t}}.
 *
 * <p>The check after a run: the exact record count, then the last value of every key (every
 * bidder; for HOP_COUNT the windows of the auctions divisible by {@value #SAMPLE}, to bound the
 * checker's memory) equal to a recomputation from the generator.
 */
enum AggQuery implements TimedRun.Target {
    HOP_COUNT("NUM", 5, "SELECT auction, COUNT(*) AS num FROM bids"
            + " WINDOW HOPPING (SIZE 10 SECONDS, ADVANCE BY 2 SECONDS, GRACE PERIOD 1 HOURS) GROUP BY auction"),
    BIDDER_SUM("TOTAL", 1, "SELECT bidder, SUM(price) AS total FROM bids GROUP BY bidder");

    static final String OUTPUT_TOPIC = "bids_agg";
    static final long SIZE_MS = 10_000;
    static final long ADVANCE_MS = 2_000;
    static final long GRACE_MS = 3_600_000;
    /** HOP_COUNT checks the windows of auctions divisible by this. */
    static final int SAMPLE = 8;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String column;
    private final int updatesPerBid;
    private final String select;

    AggQuery(String column, int updatesPerBid, String select) {
        this.column = column;
        this.updatesPerBid = updatesPerBid;
        this.select = select;
    }

    /** The value's one column, as ksqlDB names it. */
    String column() {
        return column;
    }

    boolean windowed() {
        return this == HOP_COUNT;
    }

    /** The Sluice side's statements: the stream over {@code bids} (event time dateTime) and the CTAS. */
    List<String> sluiceStatements() {
        return List.of("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, "
                + "url STRING, dateTime BIGINT) WITH (KAFKA_TOPIC='" + BidsQuery.INPUT_TOPIC
                + "', VALUE_FORMAT='JSON', TIMESTAMP='dateTime');",
                "CREATE TABLE bids_agg WITH (KAFKA_TOPIC='" + OUTPUT_TOPIC + "', PARTITIONS="
                + BidsQuery.PARTITIONS + ", VALUE_FORMAT='JSON') AS " + select + ";");
    }

    @Override
    public String outputTopic() {
        return OUTPUT_TOPIC;
    }

    @Override
    public long expectedOutputs(BidGenerator gen, long n) {
        return updatesPerBid * n;
    }

    /** The starts of the hopping windows holding {@code t}. */
    static List<Long> windowStarts(long t) {
        List<Long> out = new ArrayList<>(5);
        for (long s = Math.floorDiv(t, ADVANCE_MS) * ADVANCE_MS; s > t - SIZE_MS && s >= 0; s -= ADVANCE_MS) {
            out.add(s);
        }
        return out;
    }

    /** A key of the output: the group and, windowed, the window's start (else 0). */
    record Key(long group, long start) {}

    private boolean sampled(long group) {
        return !windowed() || group % SAMPLE == 0;
    }

    @Override
    public int check(String bootstrap, BidGenerator gen, long n, long expected) throws Exception {
        long count;
        try (Topics topics = new Topics(bootstrap)) {
            count = topics.endOffsetSum(OUTPUT_TOPIC, BidsQuery.PARTITIONS);
        }
        if (count != expected) {
            throw new IllegalStateException(OUTPUT_TOPIC + " holds " + count + " records, the query writes exactly "
                    + expected + " for " + n + " bids (" + (count > expected ? "duplicates" : "missing") + ")");
        }
        Map<Key, Long> want = new HashMap<>();
        for (long i = 0; i < n; i++) {
            Bid b = gen.bid(i);
            if (windowed()) {
                if (sampled(b.auction())) {
                    for (long s : windowStarts(b.dateTime())) {
                        want.merge(new Key(b.auction(), s), 1L, Long::sum);
                    }
                }
            } else {
                want.merge(new Key(b.bidder(), 0), b.price(), Long::sum);
            }
        }
        Map<Key, Long> got = new HashMap<>();
        OutputRecords.readAll(bootstrap, OUTPUT_TOPIC, (key, value) -> {
            ByteBuffer k = ByteBuffer.wrap(key);
            long group = k.getLong();
            if (!sampled(group)) {
                return;
            }
            Key at = new Key(group, windowed() ? k.getLong() : 0);
            JsonNode v = JSON.readTree(value);
            got.put(at, v.get(column).asLong());
        });
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<Key, Long> e : want.entrySet()) {
            if (!Objects.equals(got.get(e.getKey()), e.getValue())) {
                diffs.add(e.getKey() + ": " + got.get(e.getKey()) + ", recomputed " + e.getValue());
            }
        }
        for (Key k : got.keySet()) {
            if (!want.containsKey(k)) {
                diffs.add(k + " has no input");
            }
        }
        if (!diffs.isEmpty()) {
            throw new IllegalStateException(name() + ": the last values of " + diffs.size() + " keys differ from the "
                    + "recomputation, e.g. " + diffs.subList(0, Math.min(5, diffs.size())));
        }
        return want.size();
    }
}

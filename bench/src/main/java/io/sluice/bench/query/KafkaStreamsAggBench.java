package io.sluice.bench.query;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The Kafka Streams 4.4 side of the aggregation benchmark: {@link AggQuery}'s query as the
 * topology ksqlDB runs for a GROUP BY on a value column: source (the bid's {@code dateTime} as
 * event time), select the group key, repartition (the input is not keyed by it), then
 * {@code count} over hopping windows or {@code aggregate} (a sum) in a RocksDB store with its
 * changelog topic, and every update to {@link AggQuery#OUTPUT_TOPIC}.
 *
 * <p>Settings as {@link KafkaStreamsQueryBench}'s (one stream thread, at_least_once, Kafka
 * Streams' defaults otherwise: RocksDB, commit.interval.ms 30 s) plus
 * {@code statestore.cache.max.bytes=0}: without the record cache every update is forwarded, as
 * the Sluice side emits every update, so both write the same records (with the cache, Kafka
 * Streams would write fewer and the outputs could not be compared record for record). The
 * repartition topic carries only what the aggregation needs (the group key, and the price for
 * the sum) as 8-byte longs, cheaper than ksqlDB's JSON rows. The input JSON is parsed with the
 * same Jackson row deserializer as the stateless benchmark.
 *
 * <p>usage: KafkaStreamsAggBench QUERY BOOTSTRAP N SEED (QUERY: HOP_COUNT or BIDDER_SUM)
 */
public final class KafkaStreamsAggBench {

    private static final int AUCTION = 0;
    private static final int BIDDER = 1;
    private static final int PRICE = 2;
    private static final int DATETIME = 5;

    private KafkaStreamsAggBench() {
    }

    public static void main(String[] args) throws Exception {
        AggQuery query = AggQuery.valueOf(args[0]);
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        Path stateDir = Files.createTempDirectory("agg-bench-kstreams");
        try {
            TimedRun.run("kafka-streams", rest, query,
                    topics -> topics.recreate(AggQuery.OUTPUT_TOPIC, BidsQuery.PARTITIONS),
                    bootstrap -> start(query, bootstrap, stateDir));
        } finally {
            try (var paths = Files.walk(stateDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The bid's dateTime (a row of {@link KafkaStreamsQueryBench#deserializeBid}) as event time. */
    private static final TimestampExtractor DATETIME_EXTRACTOR = (record, partitionTime) -> {
        Object[] row = (Object[]) record.value();
        Long t = row == null ? null : (Long) row[DATETIME];
        return t == null ? -1 : t; // a negative time: Kafka Streams skips the record, as ksqlDB does
    };

    private static TimedRun.RunningQuery start(AggQuery query, String bootstrap, Path stateDir) {
        Serde<Object[]> inputSerde = Serdes.serdeFrom((t, row) -> {
            throw new UnsupportedOperationException("the input serde only deserializes");
        }, KafkaStreamsQueryBench::deserializeBid);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], Object[]> bids = builder.stream(BidsQuery.INPUT_TOPIC,
                Consumed.with(Serdes.ByteArray(), inputSerde).withTimestampExtractor(DATETIME_EXTRACTOR));
        String column = query.column();
        if (query == AggQuery.HOP_COUNT) {
            KGroupedStream<Long, Long> byAuction = bids
                    .filter((k, row) -> row != null && row[AUCTION] != null)
                    .map((k, row) -> KeyValue.pair((Long) row[AUCTION], (Long) row[AUCTION]))
                    .groupByKey(Grouped.with("by-auction", Serdes.Long(), Serdes.Long()));
            byAuction.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(AggQuery.SIZE_MS),
                            Duration.ofMillis(AggQuery.GRACE_MS)).advanceBy(Duration.ofMillis(AggQuery.ADVANCE_MS)))
                    .count(Materialized.as("counts"))
                    .toStream()
                    .map((w, n) -> KeyValue.pair(ByteBuffer.allocate(16).putLong(w.key())
                            .putLong(w.window().start()).array(), json(column, n)))
                    .to(AggQuery.OUTPUT_TOPIC, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        } else {
            KGroupedStream<Long, Long> byBidder = bids
                    .filter((k, row) -> row != null && row[BIDDER] != null && row[PRICE] != null)
                    .map((k, row) -> KeyValue.pair((Long) row[BIDDER], (Long) row[PRICE]))
                    .groupByKey(Grouped.with("by-bidder", Serdes.Long(), Serdes.Long()));
            byBidder.aggregate(() -> 0L, (bidder, price, total) -> total + price,
                            Materialized.<Long, Long, org.apache.kafka.streams.state.KeyValueStore<
                                    org.apache.kafka.common.utils.Bytes, byte[]>>as("sums")
                                    .withKeySerde(Serdes.Long()).withValueSerde(Serdes.Long()))
                    .toStream()
                    .map((bidder, total) -> KeyValue.pair(ByteBuffer.allocate(8).putLong(bidder).array(),
                            json(column, total)))
                    .to(AggQuery.OUTPUT_TOPIC, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        }

        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "agg-bench-" + System.currentTimeMillis());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);

        return KafkaStreamsRuns.start(builder.build(), p);
    }

    /** {@code {"COLUMN":value}}, as ksqlDB's JSON value format writes a one-column row. */
    private static byte[] json(String column, long value) {
        return ("{\"" + column + "\":" + value + "}").getBytes(StandardCharsets.UTF_8);
    }
}

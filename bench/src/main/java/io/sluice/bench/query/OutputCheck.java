package io.sluice.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Checks a finished run's {@code bids_out} against the query's semantics, after the timing: the
 * exact record count, then a spot check of records from the start and the middle of every
 * partition, each compared field by field with {@link BidsQuery#expectedRow} of the input event its
 * {@code DATETIME} names ({@link BidGenerator}'s contract). Throws {@link IllegalStateException}
 * with what differs; a passing check returns the number of records compared.
 */
final class OutputCheck {

    /** Records compared per partition at each of the two places (start, middle). */
    private static final int SAMPLE_PER_PLACE = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputCheck() {
    }

    static int check(String bootstrap, BidGenerator gen, long n, long expected) throws Exception {
        long count;
        Map<TopicPartition, Long> ends;
        try (Topics topics = new Topics(bootstrap)) {
            ends = topics.endOffsets(BidsQuery.OUTPUT_TOPIC, BidsQuery.PARTITIONS);
            count = ends.values().stream().mapToLong(Long::longValue).sum();
        }
        if (count != expected) {
            throw new IllegalStateException("bids_out holds " + count + " records, the query must produce exactly "
                    + expected + " from " + n + " events (" + (count > expected ? "duplicates" : "missing") + ")");
        }
        int compared = 0;
        Map<String, Object> cfg = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, SAMPLE_PER_PLACE);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (TopicPartition tp : Topics.partitions(BidsQuery.OUTPUT_TOPIC, BidsQuery.PARTITIONS)) {
                long end = ends.get(tp);
                for (long from : new long[] {0, end / 2}) {
                    List<ConsumerRecord<byte[], byte[]>> sample = read(consumer, tp, from, end);
                    for (ConsumerRecord<byte[], byte[]> r : sample) {
                        compare(r, gen, n);
                        compared++;
                    }
                }
            }
        }
        if (expected > 0 && compared == 0) {
            throw new IllegalStateException("bids_out has " + count + " records but none could be read back");
        }
        return compared;
    }

    /** Up to {@link #SAMPLE_PER_PLACE} records of {@code tp} from offset {@code from} (below {@code end}). */
    private static List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer,
            TopicPartition tp, long from, long end) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long want = Math.min(SAMPLE_PER_PLACE, end - from);
        if (want <= 0) {
            return out;
        }
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (out.size() < want) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + want + " records of " + tp + " from " + from);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (out.size() < want) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static void compare(ConsumerRecord<byte[], byte[]> r, BidGenerator gen, long n) throws Exception {
        String where = r.topic() + "-" + r.partition() + "@" + r.offset();
        if (r.key() != null) {
            throw new IllegalStateException(where + ": the query writes no key, found " + r.key().length + " bytes");
        }
        JsonNode value = JSON.readTree(r.value());
        if (value == null || !value.isObject()) {
            throw new IllegalStateException(where + ": value is not a JSON object: " + text(r.value()));
        }
        JsonNode dt = value.get(BidsQuery.OUTPUT_COLUMNS[4]);
        if (dt == null || !dt.isIntegralNumber()) {
            throw new IllegalStateException(where + ": no integer DATETIME in " + value);
        }
        long i = dt.longValue() - BidGenerator.BASE_EPOCH_MS;
        if (i < 0 || i >= n) {
            throw new IllegalStateException(where + ": DATETIME " + dt + " names no input event: " + value);
        }
        Bid bid = gen.bid(i);
        if (!BidsQuery.filter(bid.price(), bid.channel())) {
            throw new IllegalStateException(where + ": input event " + i + " fails the WHERE clause but is in the output: "
                    + bid.toJson() + " -> " + value);
        }
        Map<String, Object> want = BidsQuery.expectedRow(bid);
        Iterator<String> names = value.fieldNames();
        List<String> got = new ArrayList<>();
        names.forEachRemaining(got::add);
        if (!got.equals(List.copyOf(want.keySet()))) {
            throw new IllegalStateException(where + ": columns " + got + ", the query's are " + want.keySet());
        }
        for (Map.Entry<String, Object> e : want.entrySet()) {
            JsonNode v = value.get(e.getKey());
            boolean same = e.getValue() instanceof Long
                    ? v.isIntegralNumber() && v.canConvertToLong() && v.longValue() == (Long) e.getValue()
                    : v.isTextual() && v.textValue().equals(e.getValue());
            if (!same) {
                throw new IllegalStateException(where + ": " + e.getKey() + " is " + v + ", the query gives "
                        + e.getValue() + " for input " + bid.toJson());
            }
        }
    }

    private static String text(byte[] b) {
        return b == null ? "null" : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}

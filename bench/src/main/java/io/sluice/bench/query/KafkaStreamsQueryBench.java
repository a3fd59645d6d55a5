package io.sluice.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The Kafka Streams 4.4 side of the query benchmark: {@link BidsQuery} as the KStream topology ksqlDB
 * would run for it (source, filter, map-values, sink) with a Jackson JSON serde that, like ksqlDB's
 * runtime, deserializes each value into a row of the declared columns, evaluates the expressions on
 * it and serializes the projected row.
 *
 * <p>Settings: {@code num.stream.threads=1}, {@code processing.guarantee=at_least_once},
 * {@code auto.offset.reset=earliest}, a fresh {@code application.id} per run (so no committed
 * offsets), Kafka Streams' defaults for everything else ({@code commit.interval.ms} 30 s, producer
 * {@code linger.ms} 100), and {@link LogAndContinueExceptionHandler} for values that fail to
 * deserialize (ksqlDB logs them and goes on). {@code bids_out} is created before the clock starts;
 * the timing is {@link TimedRun}'s.
 *
 * <p>usage: KafkaStreamsQueryBench BOOTSTRAP N SEED
 */
public final class KafkaStreamsQueryBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Input columns in DDL order; a row is an {@code Object[]} indexed like this. */
    private static final String[] INPUT_COLUMNS = {"AUCTION", "BIDDER", "PRICE", "CHANNEL", "URL", "DATETIME"};
    private static final int AUCTION = 0;
    private static final int BIDDER = 1;
    private static final int PRICE = 2;
    private static final int CHANNEL = 3;
    private static final int URL = 4;
    private static final int DATETIME = 5;

    private KafkaStreamsQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path stateDir = Files.createTempDirectory("query-bench-kstreams");
        try {
            TimedRun.run("kafka-streams", args,
                    topics -> topics.recreate(BidsQuery.OUTPUT_TOPIC, BidsQuery.PARTITIONS),
                    bootstrap -> start(bootstrap, stateDir));
        } finally {
            deleteTree(stateDir);
        }
    }

    private static TimedRun.RunningQuery start(String bootstrap, Path stateDir) {
        Serde<Object[]> inputSerde = Serdes.serdeFrom(failingSerializer(), KafkaStreamsQueryBench::deserializeBid);
        Serde<Object[]> outputSerde = Serdes.serdeFrom(KafkaStreamsQueryBench::serializeRow, failingDeserializer());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(BidsQuery.INPUT_TOPIC, Consumed.with(Serdes.ByteArray(), inputSerde))
                .filter((k, row) -> row != null && BidsQuery.filter((Long) row[PRICE], (String) row[CHANNEL]))
                .mapValues(KafkaStreamsQueryBench::project)
                .to(BidsQuery.OUTPUT_TOPIC, Produced.with(Serdes.ByteArray(), outputSerde));

        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-bench-" + System.currentTimeMillis());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);

        return KafkaStreamsRuns.start(builder.build(), p);
    }

    /**
     * JSON value to a row of the declared columns, as ksqlDB's JSON format does: field names
     * matched case-insensitively, missing or JSON-null fields are NULL, BIGINT columns take integral
     * numbers (or numeric text), STRING columns take text (other scalars as their JSON text).
     * Anything else is a {@link SerializationException}, which the handler logs and skips.
     */
    static Object[] deserializeBid(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(data);
        } catch (IOException e) {
            throw new SerializationException("value is not JSON", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new SerializationException("value is not a JSON object");
        }
        Object[] row = new Object[INPUT_COLUMNS.length];
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            int col = column(f.getKey());
            if (col >= 0 && !f.getValue().isNull()) {
                row[col] = col == CHANNEL || col == URL ? string(f.getValue()) : bigint(f.getKey(), f.getValue());
            }
        }
        return row;
    }

    private static int column(String field) {
        String upper = field.toUpperCase(Locale.ROOT);
        for (int i = 0; i < INPUT_COLUMNS.length; i++) {
            if (INPUT_COLUMNS[i].equals(upper)) {
                return i;
            }
        }
        return -1;
    }

    private static Long bigint(String field, JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().trim());
            } catch (NumberFormatException e) {
                throw new SerializationException("field " + field + " is not a BIGINT: " + v);
            }
        }
        throw new SerializationException("field " + field + " is not a BIGINT: " + v);
    }

    private static String string(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        throw new SerializationException("not a STRING: " + v);
    }

    /** The SELECT list over an input row: AUCTION, BIDDER, PRICE_EUR, CHANNEL, DATETIME. */
    static Object[] project(Object[] row) {
        return new Object[] {row[AUCTION], row[BIDDER], BidsQuery.priceEur((Long) row[PRICE]), row[CHANNEL],
            row[DATETIME]};
    }

    /** An output row as a JSON object under {@link BidsQuery#OUTPUT_COLUMNS}, NULLs as JSON null. */
    static byte[] serializeRow(String topic, Object[] row) {
        if (row == null) {
            return null;
        }
        ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            String name = BidsQuery.OUTPUT_COLUMNS[i];
            if (v == null) {
                o.putNull(name);
            } else if (v instanceof Long l) {
                o.put(name, l);
            } else {
                o.put(name, (String) v);
            }
        }
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new SerializationException("cannot write row", e);
        }
    }

    private static Serializer<Object[]> failingSerializer() {
        return (topic, row) -> {
            throw new UnsupportedOperationException("the input serde only deserializes");
        };
    }

    private static Deserializer<Object[]> failingDeserializer() {
        return (topic, data) -> {
            throw new UnsupportedOperationException("the output serde only serializes");
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

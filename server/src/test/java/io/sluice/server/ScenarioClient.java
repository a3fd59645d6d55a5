package io.sluice.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the state scenarios ({@link AggregationCrashScenario}, {@link StateRestoreScenario}) do
 * to a running server from outside, as a user would: statements on {@code /ksql}, pull queries
 * on {@code /query-stream}, topics read with a stock kafka-clients consumer. No JUnit here: the
 * scenarios also run from {@code bench} at full size.
 */
final class ScenarioClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String bootstrap;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    ScenarioClient(int kafkaPort) {
        this.bootstrap = "127.0.0.1:" + kafkaPort;
    }

    String bootstrap() {
        return bootstrap;
    }

    /** Runs statements on {@code /ksql}; throws unless the server answers 200. */
    JsonNode ksql(int httpPort, String sql) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("ksql", sql, "streamsProperties", Map.of()));
        HttpResponse<String> r = post(httpPort, "/ksql", body, Duration.ofSeconds(60));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/ksql answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** A pull query's answer: the column names and the rows. */
    record Table(List<String> columns, List<JsonNode> rows) {
        int column(String name) {
            return columns.indexOf(name);
        }
    }

    /** Runs a pull query on {@code /query-stream} (the JSON array shape). */
    Table pull(int httpPort, String sql) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("sql", sql, "properties", Map.of()));
        HttpResponse<String> r = post(httpPort, "/query-stream", body, Duration.ofSeconds(120));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/query-stream answered " + r.statusCode() + " to " + sql
                    + ": " + r.body());
        }
        JsonNode array = JSON.readTree(r.body());
        List<String> columns = new ArrayList<>();
        array.get(0).get("columnNames").forEach(n -> columns.add(n.asText()));
        List<JsonNode> rows = new ArrayList<>(array.size());
        for (int i = 1; i < array.size(); i++) {
            JsonNode row = array.get(i);
            if (!row.isArray()) {
                throw new IllegalStateException("pull query " + sql + " ended with " + row);
            }
            rows.add(row);
        }
        return new Table(columns, rows);
    }

    private HttpResponse<String> post(int port, String path, String body, Duration timeout)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(timeout).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of a topic's end offsets (0 when it does not exist yet). */
    long endOffsetSum(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<PartitionInfo> parts = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (parts == null || parts.isEmpty()) {
                return 0;
            }
            List<TopicPartition> tps = parts.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every record of {@code topic} up to its end offsets now, partition by partition in order. */
    long readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            c.seekToBeginning(tps);
            long deadline = System.currentTimeMillis() + 600_000;
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("cannot read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> cfg = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}

package io.sluice.bench.query;

import io.sluice.broker.BrokerConfig;
import io.sluice.broker.KafkaBroker;
import io.sluice.engine.log.EmbeddedLogIO;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.OutRecord;
import io.sluice.engine.query.Engine;
import io.sluice.engine.query.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Sluice side as a Sluice server runs it: the SQL engine in the same process as the broker,
 * reading and writing the broker's log store directly ({@link EmbeddedLogIO}, no network), all
 * of it in this one JVM on one core. Before the clock, the round's {@code bids} are copied from
 * the harness's broker into this process's own broker (same partitions, same order) and the
 * engine is opened and warmed up, as in a running server; the clock then covers the statements
 * (CREATE STREAM, then the CSAS) and the query, and the output is counted and checked through
 * this broker's Kafka port exactly as for the other sides ({@link TimedRun}).
 *
 * <p>usage: SluiceEmbeddedQueryBench BOOTSTRAP N SEED
 */
public final class SluiceEmbeddedQueryBench {

    private SluiceEmbeddedQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: SluiceEmbeddedQueryBench BOOTSTRAP N SEED");
            System.exit(2);
        }
        run(args, TimedRun.STATELESS, List.of(BidsQuery.CREATE_STREAM_SQL, BidsQuery.CSAS_SQL));
    }

    /** Runs {@code statements} (the last one starts the query) timed for {@code target}. */
    static void run(String[] args, TimedRun.Target target, List<String> statements) throws Exception {
        Path dir = Files.createTempDirectory("sluice-embedded-bench");
        // no time-based retention: aggregations write their outputs at their event times (2024)
        try (KafkaBroker broker = KafkaBroker.start(BrokerConfig.defaults(dir, 0)
                .withSettings(Map.of("log.retention.ms", "-1")));
             EmbeddedLogIO io = new EmbeddedLogIO(broker.store(), broker::appended)) {
            broker.onAppend(io::appended);
            copyBids(args[0], io);
            String local = broker.bootstrapServers();
            // A running server: its engine is open and warm before a user submits the query.
            Engine engine = Engine.open(io, EngineConfig.SERVER);
            engine.warmUp();
            TimedRun.run("sluice-embedded", new String[] {local, args[1], args[2]}, target, topics -> { },
                    bootstrap -> SluiceQueryBench.start(engine, statements));
            engine.close();
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Copies every record of {@code bids} into the local log, partition by partition. */
    private static void copyBids(String bootstrap, EmbeddedLogIO io) {
        io.createTopic(BidsQuery.INPUT_TOPIC, BidsQuery.PARTITIONS, Map.of());
        Map<String, Object> cfg = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             LogWriter w = io.writer()) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < BidsQuery.PARTITIONS; p++) {
                tps.add(new TopicPartition(BidsQuery.INPUT_TOPIC, p));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    w.append(new OutRecord(r.topic(), r.partition(), r.key(), r.value(), r.timestamp(), List.of()));
                }
            }
            w.flush();
        }
    }
}

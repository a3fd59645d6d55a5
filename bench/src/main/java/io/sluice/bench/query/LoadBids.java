package io.sluice.bench.query;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-creates topic {@code bids} and writes events {@code 0..N-1} of {@link BidGenerator} into it:
 * event {@code i} to partition {@code i % 6}, null key, record timestamp = now (CreateTime; the
 * query does not read it, and old timestamps would let a broker's retention delete the data).
 * Prints one line {@code LOADED n=N expected_outputs=M seconds=S}. Not timed as part of any result.
 *
 * <p>usage: LoadBids BOOTSTRAP N SEED
 */
public final class LoadBids {

    private LoadBids() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LoadBids BOOTSTRAP N SEED");
            System.exit(2);
        }
        String bootstrap = args[0];
        long n = Long.parseLong(args[1]);
        long seed = Long.parseLong(args[2]);
        BidGenerator gen = new BidGenerator(seed);
        long start = System.nanoTime();
        try (Topics topics = new Topics(bootstrap)) {
            topics.recreate(BidsQuery.INPUT_TOPIC, BidsQuery.PARTITIONS);
            // the output topic of an earlier round must not count towards this round's outputs
            topics.delete(BidsQuery.OUTPUT_TOPIC);
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        Map<String, Object> cfg = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cfg, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < n && failure.get() == null; i++) {
                byte[] value = gen.bid(i).toJson().getBytes(StandardCharsets.UTF_8);
                int partition = (int) (i % BidsQuery.PARTITIONS);
                producer.send(new ProducerRecord<>(BidsQuery.INPUT_TOPIC, partition, null, null, value),
                        (md, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading bids failed", failure.get());
        }
        try (Topics topics = new Topics(bootstrap)) {
            long written = topics.endOffsetSum(BidsQuery.INPUT_TOPIC, BidsQuery.PARTITIONS);
            if (written != n) {
                throw new IllegalStateException("bids holds " + written + " records, expected " + n);
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("LOADED n=%d expected_outputs=%d seconds=%.2f%n", n, gen.expectedOutputs(n), secs);
    }
}

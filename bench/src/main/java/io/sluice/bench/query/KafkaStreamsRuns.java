package io.sluice.bench.query;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/** Runs a Kafka Streams topology as a {@link TimedRun.RunningQuery}: its first failure is kept. */
final class KafkaStreamsRuns {

    private KafkaStreamsRuns() {
    }

    /** Starts {@code topology} with {@code config}; closing stops it and removes its local state. */
    static TimedRun.RunningQuery start(Topology topology, Properties config) {
        KafkaStreams streams = new KafkaStreams(topology, config);
        AtomicReference<String> failure = new AtomicReference<>();
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e.toString());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                failure.compareAndSet(null, "Kafka Streams went to state ERROR");
            }
        });
        streams.start();
        return new TimedRun.RunningQuery() {
            @Override
            public String failure() {
                return failure.get();
            }

            @Override
            public void close() {
                if (!streams.close(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("Kafka Streams did not stop within 60 s");
                }
                streams.cleanUp();
            }
        };
    }
}

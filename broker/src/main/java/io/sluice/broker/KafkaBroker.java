package io.sluice.broker;

import io.sluice.broker.api.BrokerServices;
import io.sluice.broker.api.FetchWaiters;
import io.sluice.broker.api.Handlers;
import io.sluice.broker.api.ProducerIds;
import io.sluice.broker.api.TopicConfigs;
import io.sluice.broker.group.GroupCoordinator;
import io.sluice.broker.group.OffsetStore;
import io.sluice.broker.net.ApiRouter;
import io.sluice.broker.net.KafkaServer;
import io.sluice.storage.FileLogStore;
import io.sluice.storage.LogStore;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node broker: a log store under the data directory served over the Kafka protocol.
 *
 * <p>The data directory holds {@code meta.properties} (cluster id, node id; written on first
 * start, checked on later ones), {@code producer-ids} and the log store's files.
 *
 * <p>Thread-safe. {@link #close()} stops accepting, waits for the event loops, then closes the
 * store cleanly so the next start skips recovery.
 */
public final class KafkaBroker implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    private final LogStore store;
    private final KafkaServer server;
    private final BrokerServices services;

    private KafkaBroker(LogStore store, KafkaServer server, BrokerServices services) {
        this.store = store;
        this.server = server;
        this.services = services;
    }

    /** Opens the data directory (recovering it if the last stop was unclean) and starts listening. */
    public static KafkaBroker start(BrokerConfig config) throws IOException, InterruptedException {
        Files.createDirectories(config.dataDir());
        String clusterId = clusterId(config);
        LogStore store = FileLogStore.open(config.dataDir().resolve("logs"), config.storage());
        try {
            ProducerIds producerIds = ProducerIds.open(config.dataDir().resolve("producer-ids"));
            FetchWaiters waiters = new FetchWaiters();
            OffsetStore offsets = OffsetStore.open(store);
            GroupCoordinator groups = new GroupCoordinator(config.initialRebalanceDelayMs());
            // with port 0 the port is known only once bound; no client can know it before then
            AtomicInteger boundPort = new AtomicInteger(config.port());
            BrokerServices services = new BrokerServices(config, clusterId, boundPort::get, store, waiters,
                    producerIds, groups, offsets);
            KafkaServer server;
            try {
                server = KafkaServer.start(config.host(), config.port(), config.maxRequestBytes(),
                        new ApiRouter(Handlers.all(services)));
            } catch (InterruptedException | RuntimeException e) {
                groups.close();
                throw e;
            }
            boundPort.set(server.port());
            LOG.info("Kafka protocol listening on {}:{} (node {}, cluster {}, data in {})", config.host(),
                    server.port(), config.nodeId(), clusterId, config.dataDir());
            return new KafkaBroker(store, server, services);
        } catch (IOException | InterruptedException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Reads the cluster id from meta.properties, writing a new one (or the configured one) on first start. */
    private static String clusterId(BrokerConfig config) throws IOException {
        Path meta = config.dataDir().resolve("meta.properties");
        Properties p = new Properties();
        if (Files.exists(meta)) {
            try (InputStream in = Files.newInputStream(meta)) {
                p.load(in);
            }
            String id = p.getProperty("cluster.id");
            if (!config.clusterId().isEmpty() && !config.clusterId().equals(id)) {
                throw new IOException("data directory " + config.dataDir() + " belongs to cluster " + id
                        + ", not " + config.clusterId() + "; use another --data-dir");
            }
            return id;
        }
        String id = config.clusterId().isEmpty() ? Uuid.randomUuid().toString() : config.clusterId();
        p.setProperty("cluster.id", id);
        p.setProperty("node.id", Integer.toString(config.nodeId()));
        p.setProperty("version", "1");
        try (OutputStream out = Files.newOutputStream(meta)) {
            p.store(out, "Sluice broker identity");
        }
        return id;
    }

    /** The port clients connect to. */
    public int port() {
        return server.port();
    }

    /** {@code host:port}, as a bootstrap.servers value. */
    public String bootstrapServers() {
        return services.config().host() + ":" + port();
    }

    /** The cluster id. */
    public String clusterId() {
        return services.clusterId();
    }

    /** The log store (for the engine's in-process access). */
    public LogStore store() {
        return store;
    }

    /**
     * Wakes the fetches waiting on {@code topic}/{@code partition}: for appends made in-process
     * through {@link #store()}, which the broker does not see.
     */
    public void appended(String topic, int partition) {
        services.waiters().appended(topic, partition);
    }

    /** Tells {@code listener} of every append made through the Kafka protocol; it must not block. */
    public void onAppend(java.util.function.BiConsumer<String, Integer> listener) {
        services.waiters().addListener(listener);
    }

    /** The broker-level name of topic config {@code key} (for config files), or null. */
    public static String brokerConfigName(String key) {
        return TopicConfigs.brokerName(key);
    }

    @Override
    public void close() throws IOException {
        server.close();
        services.groups().close();
        store.close();
        LOG.info("broker stopped; logs closed cleanly");
    }
}

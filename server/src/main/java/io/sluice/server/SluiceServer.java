package io.sluice.server;

import io.sluice.broker.KafkaBroker;
import io.sluice.engine.log.EmbeddedLogIO;
import io.sluice.engine.query.Engine;
import io.sluice.engine.query.EngineConfig;
import io.sluice.engine.query.EngineException;
import io.sluice.engine.query.Session;
import io.sluice.grammar.ParsedStatement;
import io.sluice.server.http.HttpApiServer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one Sluice process runs: the embedded broker, the SQL engine over the broker's
 * own log store (in-process, no network), and the HTTP API over the engine. Appends by either side wake the other's waiting
 * readers: the broker's produce path tells the engine, the engine's writers tell the broker's
 * long-polling fetches. Thread-safe; close is idempotent.
 */
public final class SluiceServer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);

    private final KafkaBroker broker;
    private final EmbeddedLogIO io;
    private final Engine engine;
    private HttpApiServer http;
    private boolean closed;

    private SluiceServer(KafkaBroker broker, EmbeddedLogIO io, Engine engine) {
        this.broker = broker;
        this.io = io;
        this.engine = engine;
    }

    static SluiceServer start(ServerOptions options) throws IOException, InterruptedException {
        KafkaBroker broker = KafkaBroker.start(options.broker());
        EmbeddedLogIO io = new EmbeddedLogIO(broker.store(), broker::appended);
        broker.onAppend(io::appended);
        Engine engine;
        try {
            engine = Engine.open(io, EngineConfig.SERVER.withStateDir(options.dataDir().resolve("state")));
        } catch (RuntimeException e) {
            io.close();
            broker.close();
            throw e;
        }
        engine.replayFailures().forEach(f -> LOG.warn("command log replay: {}", f));
        LOG.info("engine ready: {} sources, {} persistent queries", engine.catalog().sources().size(),
                engine.queries().size());
        Thread warm = new Thread(() -> {
            try {
                engine.warmUp();
            } catch (RuntimeException e) {
                LOG.warn("expression compiler warm-up failed: {}", e.toString());
            }
        }, "sluice-warm-up");
        warm.setDaemon(true);
        warm.start();
        SluiceServer server = new SluiceServer(broker, io, engine);
        try {
            if (options.queriesFile().isPresent()) {
                server.runQueriesFile(options.queriesFile().get());
            }
            server.http = HttpApiServer.start(options.httpHost(), options.httpPort(), engine,
                    Main.version(), broker.clusterId(),
                    engine.config().serviceId().isEmpty() ? "default_" : engine.config().serviceId());
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Runs the statements of a file in one session, logging each result; stops at an error. */
    private void runQueriesFile(Path file) throws IOException {
        String sql = Files.readString(file);
        Session session = new Session();
        try {
            for (ParsedStatement p : engine.parse(sql, session)) {
                LOG.info("{}: {}", file.getFileName(), engine.execute(p, session).message());
            }
        } catch (EngineException e) {
            LOG.error("{}: statement rejected: {}\n{}", file, e.getMessage(), e.statementText());
        }
    }

    public KafkaBroker broker() {
        return broker;
    }

    public Engine engine() {
        return engine;
    }

    /** The HTTP API. */
    public HttpApiServer http() {
        return http;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                if (http != null) {
                    http.close();
                }
                engine.close();
                io.close();
            } finally {
                broker.close();
            }
        }
    }
}

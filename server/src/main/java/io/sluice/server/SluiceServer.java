package io.sluice.server;

import io.sluice.broker.KafkaBroker;
import java.io.Closeable;
import java.io.IOException;

/** Everything one Sluice process runs; for now the embedded broker. Thread-safe; close is idempotent. */
public final class SluiceServer implements Closeable {

    private final KafkaBroker broker;
    private boolean closed;

    private SluiceServer(KafkaBroker broker) {
        this.broker = broker;
    }

    static SluiceServer start(ServerOptions options) throws IOException, InterruptedException {
        return new SluiceServer(KafkaBroker.start(options.broker()));
    }

    public KafkaBroker broker() {
        return broker;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            broker.close();
        }
    }
}

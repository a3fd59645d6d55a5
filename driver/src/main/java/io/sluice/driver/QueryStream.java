package io.sluice.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The rows of one {@code POST /query-stream} in the delimited format, as they arrive: a header
 * object, then one JSON array per row. Iteration blocks until the next row, the end of the query
 * (a LIMIT reached, a pull query done) or {@link #close()} from any thread; a push query without a
 * LIMIT ends only by closing. Closing tells the server with {@code /close-query}.
 */
public final class QueryStream implements Iterator<List<Object>>, AutoCloseable {

    private final LineChannel lines;
    private final Consumer<String> closeQuery;
    private final String queryId;
    private final List<String> columnNames;
    private final List<String> columnTypes;
    private List<Object> pending;
    private boolean ended;
    private boolean closed;
    private String finalMessage;
    private final CompletableFuture<Void> closeDone = new CompletableFuture<>();

    QueryStream(LineChannel lines, Consumer<String> closeQuery) {
        this.lines = lines;
        this.closeQuery = closeQuery;
        JsonNode header = nextObject(Long.MAX_VALUE);
        if (header == null || !header.has("columnNames")) {
            lines.cancel();
            throw new SluiceException("the query stream did not start with a header: " + header);
        }
        this.queryId = Json.text(header, "queryId");
        this.columnNames = strings(header.path("columnNames"));
        this.columnTypes = strings(header.path("columnTypes"));
    }

    public String queryId() {
        return queryId;
    }

    public List<String> columnNames() {
        return columnNames;
    }

    /** SQL type names of the columns, e.g. {@code STRING}, {@code DECIMAL(10, 2)}. */
    public List<String> columnTypes() {
        return columnTypes;
    }

    /** The server's closing word (e.g. "Limit Reached") once the stream ended by itself. */
    public Optional<String> finalMessage() {
        return Optional.ofNullable(finalMessage);
    }

    /** Whether the stream is over: ended by the server or closed by the client. */
    public synchronized boolean isDone() {
        return ended || closed;
    }

    @Override
    public boolean hasNext() {
        return poll(Long.MAX_VALUE);
    }

    /**
     * Waits at most {@code millis} for a row; true if one is ready for {@link #next()}. False when
     * the wait ran out or the stream is over ({@link #isDone()} tells which).
     */
    public boolean poll(long millis) {
        if (pending != null) {
            return true;
        }
        if (isDone()) {
            return false;
        }
        JsonNode item = nextItem(millis);
        if (item == null) {
            return false;
        }
        pending = Json.toRow(item);
        return true;
    }

    @Override
    public List<Object> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the query stream is over");
        }
        List<Object> row = pending;
        pending = null;
        return row;
    }

    /**
     * Stops the query; rows not yet read are dropped. Idempotent and callable from any thread: the
     * first call wakes the reader, then tells the server; later calls return once the server was told,
     * so a caller that closes after another thread did cannot exit before {@code /close-query} went out.
     */
    @Override
    public void close() {
        boolean first;
        boolean tell;
        synchronized (this) {
            first = !closed;
            closed = true;
            tell = first && !ended && !queryId.isEmpty();
        }
        if (!first) {
            closeDone.join();
            return;
        }
        try {
            lines.cancel();
            if (tell) {
                closeQuery.accept(queryId);
            }
        } catch (SluiceException e) {
            // the server is gone or the query already ended there: nothing left to stop
        } finally {
            closeDone.complete(null);
        }
    }

    private JsonNode nextItem(long millis) {
        while (true) {
            JsonNode node = nextObject(millis);
            if (node == null) {
                return null;
            }
            if (node.isArray()) {
                return node;
            }
            if (node.has("finalMessage")) {
                finalMessage = Json.text(node, "finalMessage");
                markEnded();
                return null;
            }
            throw ErrorBodies.toException(node, "");
        }
    }

    /** The next non-blank line as JSON; null at the end, on close, or when the wait ran out. */
    private JsonNode nextObject(long millis) {
        while (true) {
            LineChannel.Item item = lines.take(millis, TimeUnit.MILLISECONDS);
            if (item == null) {
                return null;
            }
            if (item.end()) {
                markEnded();
                if (item.error() != null && !isClosed()) {
                    throw new SluiceException("the query stream broke: " + item.error().getMessage(), item.error());
                }
                return null;
            }
            if (!item.line().isBlank()) {
                return Json.parse(item.line());
            }
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void markEnded() {
        ended = true;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    /** Lines of a response body handed from the HTTP client's threads to the reader. */
    static final class LineChannel {

        record Item(String line, boolean end, Throwable error) {
        }

        private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
        private volatile Runnable canceller = () -> { };

        void onLine(String line) {
            queue.add(new Item(line, false, null));
        }

        void onEnd(Throwable error) {
            queue.add(new Item(null, true, error));
        }

        void setCanceller(Runnable canceller) {
            this.canceller = canceller;
        }

        /** Stops the body and wakes a reader blocked in {@link #take}. */
        void cancel() {
            canceller.run();
            queue.clear();
            onEnd(null);
        }

        Item take(long timeout, TimeUnit unit) {
            try {
                return timeout == Long.MAX_VALUE ? queue.take() : queue.poll(timeout, unit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Item(null, true, e);
            }
        }
    }
}

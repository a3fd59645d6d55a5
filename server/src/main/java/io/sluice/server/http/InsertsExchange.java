package io.sluice.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.query.EngineException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code POST /inserts-stream}: the body is newline-delimited JSON, first {@code {"target":
 * "S"}}, then one object per row (column names to values). Each row is inserted as it arrives,
 * in order, and acknowledged with a line {@code {"status":"ok","seq":N}} (N counts rows from 0);
 * a rejected row gets {@code {"status":"error","seq":N,"error_code","message"}} and ends the
 * stream, as in ksqlDB. An unknown target is a 400 error before any ack.
 *
 * <p>Rows are inserted on a worker, one at a time; while more than {@value #PAUSE_AT} lines wait,
 * the channel stops reading (TCP, or the HTTP/2 stream's window, pushes back on the client).
 */
final class InsertsExchange extends Exchange {

  private static final int PAUSE_AT = 64;
  private static final int RESUME_AT = 16;
  private static final Object END = new Object();

  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  private boolean draining;
  private ByteBuf partial;
  private String target;
  private long seq;
  private volatile boolean stopped;

  InsertsExchange(ApiContext api, ChannelHandlerContext ctx, HttpRequest request) {
    super(api, ctx, request, api.maxBodyBytes());
  }

  @Override
  void content(ByteBuf chunk, boolean last) {
    if (stopped) {
      return;
    }
    if (partial == null) {
      partial = ctx.alloc().buffer();
    }
    partial.writeBytes(chunk);
    int nl;
    while ((nl = partial.indexOf(partial.readerIndex(), partial.writerIndex(), (byte) '\n'))
        >= 0) {
      String line = partial.readCharSequence(nl - partial.readerIndex(), StandardCharsets.UTF_8)
          .toString();
      partial.skipBytes(1);
      if (!line.isBlank()) {
        enqueue(line);
      }
    }
    partial.discardReadBytes();
    if (partial.readableBytes() > api.maxBodyBytes()) {
      stopped = true;
      release();
      enqueue(ApiError.badRequest("A line of /inserts-stream is longer than "
          + api.maxBodyBytes() + " bytes"));
      return;
    }
    if (last) {
      String rest = partial.toString(StandardCharsets.UTF_8);
      release();
      if (!rest.isBlank()) {
        enqueue(rest);
      }
      enqueue(END);
    }
  }

  private void release() {
    if (partial != null) {
      partial.release();
      partial = null;
    }
  }

  private void enqueue(Object item) {
    synchronized (pending) {
      pending.add(item);
      if (pending.size() > PAUSE_AT) {
        ctx.channel().config().setAutoRead(false);
      }
      if (!draining) {
        draining = true;
        try {
          api.workers().execute(this::drain);
        } catch (RejectedExecutionException e) {
          draining = false;
        }
      }
    }
  }

  /** Runs on a worker: processes the waiting lines in order. */
  private void drain() {
    while (true) {
      Object item;
      synchronized (pending) {
        item = pending.poll();
        if (item == null) {
          draining = false;
          return;
        }
        if (pending.size() == RESUME_AT) {
          ctx.channel().config().setAutoRead(true);
        }
      }
      try {
        process(item);
      } catch (RuntimeException e) {
        fail(ApiError.generic(HttpResponseStatus.INTERNAL_SERVER_ERROR, ApiError.SERVER_ERROR,
            "Insert failed: " + e));
      }
    }
  }

  private void process(Object item) {
    if (isFinished()) {
      return;
    }
    if (item instanceof ApiError error) {
      fail(error);
    } else if (item == END) {
      if (target == null) {
        respond(ApiError.badRequest("The body of /inserts-stream starts with a line"
            + " {\"target\": \"STREAM_NAME\"}"));
      } else {
        ctx.channel().config().setAutoRead(true);
        endStream();
      }
    } else if (target == null) {
      target((String) item);
    } else {
      row((String) item);
    }
  }

  private void target(String line) {
    JsonNode root = parse(line);
    String name = root == null || !root.isObject() ? null : Json.text(root, "target");
    if (name == null) {
      fail(ApiError.badRequest("The body of /inserts-stream starts with a line {\"target\":"
          + " \"STREAM_NAME\"}"));
      return;
    }
    Optional<Source> source = api.engine().source(name)
        .or(() -> api.engine().source(name.toUpperCase(Locale.ROOT)));
    if (source.isEmpty()) {
      fail(ApiError.statement(line, "Cannot insert values into an unknown stream/table: "
          + name, ApiError.BAD_STATEMENT));
      return;
    }
    target = source.get().name();
    startStream(HttpResponseStatus.OK, QueryExchange.DELIMITED);
  }

  private void row(String line) {
    long n = seq++;
    JsonNode row = parse(line);
    if (row == null || !row.isObject()) {
      fail(error(n, ApiError.BAD_REQUEST, "A row must be a JSON object of column names to"
          + " values"));
      return;
    }
    try {
      api.engine().insertRow(target, row);
    } catch (EngineException e) {
      fail(error(n, ApiError.BAD_STATEMENT, e.getMessage()));
      return;
    }
    ObjectNode ack = Json.object().put("status", "ok").put("seq", n);
    ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(
        ctx.alloc().buffer().writeBytes((ack + "\n").getBytes(StandardCharsets.UTF_8))));
  }

  private static ApiError error(long seq, int code, String message) {
    ObjectNode body = Json.object().put("status", "error").put("seq", seq)
        .put("error_code", code).put("message", message);
    return new ApiError(HttpResponseStatus.BAD_REQUEST, body);
  }

  /** Answers the error (in the stream when it has started) and stops taking rows. */
  private void fail(ApiError error) {
    stopped = true;
    ctx.channel().config().setAutoRead(true);
    if (responseStarted()) {
      write(error.body() + "\n");
      endStream();
    } else {
      respond(error, true);
    }
  }

  private static JsonNode parse(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  @Override
  void cancelled() {
    stopped = true;
    ctx.executor().execute(this::release);
    synchronized (pending) {
      pending.clear();
    }
  }
}

package io.sluice.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.sluice.engine.query.EngineException;
import io.sluice.engine.query.PushQuery;
import io.sluice.engine.types.Column;
import io.sluice.grammar.ParsedStatement;
import io.sluice.grammar.ast.Query;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /ws/query?sql=...} (or ksqlDB's {@code ?request={"ksql": ..., "streamsProperties":
 * ...}}, URL-encoded), upgraded to a WebSocket over HTTP/1.1: runs the push query and sends one
 * text message with the header {@code {"queryId", "columnNames", "columnTypes"}}, then one per row
 * (a JSON array). It ends with a close frame: 1000 at LIMIT, 1011 with the reason when the query
 * fails; a bad query is refused with 1003 and the error's JSON as the reason (truncated to fit).
 * The client closing the socket stops the query. Rows are sent while the socket is writable
 * ({@link RowPipe}).
 */
final class WebSocketQuery extends Exchange {

  private WebSocketServerHandshaker handshaker;
  private volatile RowPipe<List<Object>> pipe;
  private volatile PushQuery query;
  private volatile boolean gone;
  private List<Column> columns = List.of();

  WebSocketQuery(ApiContext api, ChannelHandlerContext ctx, HttpRequest request) {
    super(api, ctx, request, 0);
  }

  @Override
  void start() {
    if (isHttp2()) {
      respond(ApiError.badRequest("WebSocket connections open with HTTP/1.1 (Upgrade:"
          + " websocket); this request came over HTTP/2"));
      return;
    }
    KsqlExchange.Request r;
    try {
      r = request();
    } catch (IllegalArgumentException e) {
      respond(ApiError.badRequest(e.getMessage()));
      return;
    }
    String url = "ws://" + request.headers().get("Host", "localhost") + "/ws/query";
    handshaker = new WebSocketServerHandshakerFactory(url, null, true, 1 << 16)
        .newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      return;
    }
    FullHttpRequest full = new DefaultFullHttpRequest(request.protocolVersion(),
        request.method(), request.uri(), Unpooled.EMPTY_BUFFER, request.headers(),
        io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
    pipe = new RowPipe<>(ctx.channel(), new RowPipe.Writer<>() {
      @Override
      public void item(List<Object> row) {
        ctx.write(new TextWebSocketFrame(rowText(row)));
      }

      @Override
      public void end(Throwable failure) {
        close(failure == null ? 1000 : 1011, failure == null ? "query ended"
            : "The query failed: " + failure);
      }
    });
    handshaker.handshake(ctx.channel(), full).addListener(f -> {
      if (f.isSuccess()) {
        api.workers().execute(() -> startQuery(r));
      }
    });
  }

  private KsqlExchange.Request request() {
    Map<String, List<String>> params = new QueryStringDecoder(request.uri()).parameters();
    if (params.containsKey("request")) {
      return KsqlExchange.Request.parse(params.get("request").get(0)
          .getBytes(StandardCharsets.UTF_8), "ksql");
    }
    if (params.containsKey("sql")) {
      return new KsqlExchange.Request(params.get("sql").get(0), Map.of(), Map.of());
    }
    throw new IllegalArgumentException("/ws/query needs the query as ?sql=... or"
        + " ?request={\"ksql\": ...}");
  }

  private void startQuery(KsqlExchange.Request r) {
    PushQuery q;
    try {
      List<ParsedStatement> parsed = api.engine().parse(r.sql(), r.session());
      if (parsed.size() != 1 || !(parsed.get(0).statement() instanceof Query)) {
        close(1003, ApiError.statement(r.sql(), "/ws/query runs one push query (SELECT ..."
            + " EMIT CHANGES)", ApiError.BAD_STATEMENT).body().toString());
        return;
      }
      q = api.engine().push(parsed.get(0), r.session(), pipe::put);
    } catch (EngineException e) {
      close(1003, ApiError.statement(e).body().toString());
      return;
    }
    columns = q.columns();
    query = q;
    api.queries().add(q);
    q.ended().whenComplete((v, e) -> pipe.end(q.failure()));
    if (gone) {
      q.close();
      return;
    }
    ctx.channel().eventLoop().execute(() -> {
      ObjectNode header = Json.object();
      header.put("queryId", q.id());
      ArrayNode names = header.putArray("columnNames");
      ArrayNode types = header.putArray("columnTypes");
      for (Column c : columns) {
        names.add(c.name());
        types.add(c.type().toString());
      }
      ctx.writeAndFlush(new TextWebSocketFrame(header.toString()));
      pipe.open();
    });
  }

  private ByteBuf rowText(List<Object> row) {
    ByteBuf buf = ctx.alloc().buffer();
    try (ByteBufOutputStream out = new ByteBufOutputStream(buf);
        JsonGenerator g = Json.MAPPER.createGenerator((java.io.OutputStream) out)) {
      Json.writeRow(g, columns, row);
    } catch (IOException e) {
      buf.release();
      throw new java.io.UncheckedIOException(e);
    }
    return buf;
  }

  /** Sends a close frame (the reason cut to the 123 bytes a close frame holds) and closes. */
  private void close(int status, String reason) {
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    String cut = bytes.length <= 123 ? reason
        : new String(bytes, 0, 120, StandardCharsets.UTF_8) + "...";
    ctx.writeAndFlush(new CloseWebSocketFrame(status, cut))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /** A frame from the client: ping answered, close honoured, others ignored. */
  void frame(WebSocketFrame frame) {
    if (frame instanceof CloseWebSocketFrame close) {
      handshaker.close(ctx.channel(), close.retainedDuplicate());
    } else if (frame instanceof PingWebSocketFrame ping) {
      ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
    }
  }

  @Override
  boolean isFinished() {
    return false;
  }

  @Override
  void writabilityChanged() {
    RowPipe<List<Object>> p = pipe;
    if (p != null) {
      p.schedule();
    }
  }

  @Override
  void cancelled() {
    gone = true;
    RowPipe<List<Object>> p = pipe;
    if (p != null) {
      p.cancel();
    }
    PushQuery q = query;
    if (q != null && !q.isDone()) {
      QueryExchange.closeOffLoop(api, q);
    }
  }

  /** Unused for a WebSocket: the upgrade request has no body. */
  @Override
  void onBody(byte[] bytes) {
  }
}

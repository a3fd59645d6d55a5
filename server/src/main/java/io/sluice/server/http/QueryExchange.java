package io.sluice.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.engine.query.EngineException;
import io.sluice.engine.query.PushQuery;
import io.sluice.engine.query.StreamingQuery;
import io.sluice.engine.types.Column;
import io.sluice.grammar.ParsedStatement;
import io.sluice.grammar.ast.Print;
import io.sluice.grammar.ast.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

/**
 * {@code POST /query-stream} ({@code {"sql", "properties"}}) and the older {@code POST /query}
 * ({@code {"ksql", "streamsProperties"}}): runs one push query ({@code SELECT ... EMIT CHANGES})
 * or PRINT and streams its output until LIMIT, {@code /close-query}, or the client going away,
 * which stops the query.
 *
 * <p>Response shapes:
 * <ul>
 *   <li>{@code /query-stream}, {@code application/vnd.ksqlapi.delimited.v1} (the default): a
 *       header line {@code {"queryId", "columnNames", "columnTypes"}}, then one JSON array per
 *       row, each on its own line.</li>
 *   <li>{@code /query-stream} with {@code Accept: application/json}: one JSON array of the header
 *       object and the row arrays.</li>
 *   <li>{@code /query}: {@code [{"header":{"queryId","schema"}}, {"row":{"columns":[...]}}, ...,
 *       {"finalMessage":"Limit Reached"}]}, one element per line.</li>
 * </ul>
 * PRINT's lines are rows of one STRING column {@code RECORD} on {@code /query-stream}, and plain
 * text lines on {@code /query}, as ksqlDB streams them. An error after the head is written ends
 * the stream with a {@code generic_error} object (a row of the JSON array, a line otherwise).
 */
final class QueryExchange extends Exchange {

  static final String DELIMITED = "application/vnd.ksqlapi.delimited.v1";

  private enum Shape { DELIMITED, JSON, LEGACY }

  private final Shape shape;
  private final String sqlField;
  private volatile StreamingQuery query;
  private volatile RowPipe<Object> pipe;
  private volatile boolean gone;
  private List<Column> columns = List.of();
  private boolean print;

  private QueryExchange(ApiContext api, ChannelHandlerContext ctx, HttpRequest request,
      Shape shape, String sqlField) {
    super(api, ctx, request, api.maxBodyBytes());
    this.shape = shape;
    this.sqlField = sqlField;
  }

  static QueryExchange queryStream(ApiContext api, ChannelHandlerContext ctx,
      HttpRequest request) {
    String accept = request.headers().get(HttpHeaderNames.ACCEPT, "");
    boolean json = accept.contains("application/json") && !accept.contains(DELIMITED);
    return new QueryExchange(api, ctx, request, json ? Shape.JSON : Shape.DELIMITED, "sql");
  }

  static QueryExchange legacy(ApiContext api, ChannelHandlerContext ctx, HttpRequest request) {
    return new QueryExchange(api, ctx, request, Shape.LEGACY, "ksql");
  }

  @Override
  void onBody(byte[] bytes) {
    KsqlExchange.Request r;
    try {
      r = KsqlExchange.Request.parse(bytes, sqlField);
    } catch (IllegalArgumentException e) {
      respond(ApiError.badRequest(e.getMessage()));
      return;
    }
    pipe = new RowPipe<>(ctx.channel(), new RowPipe.Writer<>() {
      @Override
      public void item(Object item) {
        writeItem(item);
      }

      @Override
      public void end(Throwable failure) {
        writeEnd(failure);
      }
    });
    try {
      api.workers().execute(() -> startQuery(r));
    } catch (RejectedExecutionException e) {
      respond(ApiError.generic(HttpResponseStatus.SERVICE_UNAVAILABLE, 50300,
          "The server is shutting down"));
    }
  }

  /** Plans and starts the query on a worker thread; the head is written on the event loop. */
  private void startQuery(KsqlExchange.Request r) {
    StreamingQuery q;
    try {
      List<ParsedStatement> parsed = api.engine().parse(r.sql(), r.session());
      if (parsed.size() != 1) {
        respond(ApiError.statement(r.sql(), "Expected exactly one statement, a push query or"
            + " PRINT, got " + parsed.size(), ApiError.BAD_STATEMENT));
        return;
      }
      ParsedStatement p = parsed.get(0);
      if (p.statement() instanceof Query query && query.emit().isEmpty()) {
        io.sluice.engine.query.PullQuery pull = api.engine().preparePull(p, r.session(),
            pipe::put);
        columns = pull.columns();
        q = pull;
      } else if (p.statement() instanceof Query) {
        PushQuery push = api.engine().push(p, r.session(), pipe::put);
        columns = push.columns();
        q = push;
      } else if (p.statement() instanceof Print) {
        print = true;
        q = api.engine().print(p, pipe::put);
      } else {
        respond(ApiError.statement(p.text(), "/query-stream and /query run push queries"
            + " (SELECT ... EMIT CHANGES) and PRINT; other statements go to /ksql",
            ApiError.BAD_STATEMENT));
        return;
      }
    } catch (EngineException e) {
      respond(ApiError.statement(e));
      return;
    }
    query = q;
    api.queries().add(q);
    q.ended().whenComplete((v, e) -> pipe.end(q.failure()));
    if (gone) {
      q.close();
      return;
    }
    ctx.channel().eventLoop().execute(this::writeHead);
    if (q instanceof io.sluice.engine.query.PullQuery pull) {
      // This worker thread runs it: rows wait in the pipe until the head is written.
      pull.runHere();
    }
  }

  private void writeHead() {
    if (gone) {
      return;
    }
    boolean text = print && shape == Shape.LEGACY;
    startStream(HttpResponseStatus.OK, text ? "text/plain; charset=utf-8"
        : shape == Shape.DELIMITED ? DELIMITED : "application/json", false);
    if (!text) {
      write(headText());
    }
    // A pull query has usually ended by now: its rows and end go out with the head, in one write.
    pipe.open();
    ctx.flush();
  }

  private String headText() {
    List<String> names = print ? List.of("RECORD")
        : columns.stream().map(Column::name).toList();
    List<String> types = print ? List.of("STRING")
        : columns.stream().map(c -> c.type().toString()).toList();
    StringBuilder sb = new StringBuilder(128);
    if (shape == Shape.LEGACY) {
      String schema = print ? "`RECORD` STRING" : columns.stream()
          .map(c -> "`" + c.name() + "` " + c.type()).collect(Collectors.joining(", "));
      sb.append("[{\"header\":{\"queryId\":");
      quoted(sb, query.id()).append(",\"schema\":");
      return quoted(sb, schema).append("}}").toString();
    }
    sb.append(shape == Shape.JSON ? "[{" : "{").append("\"queryId\":");
    quoted(sb, query.id()).append(",\"columnNames\":[");
    for (int i = 0; i < names.size(); i++) {
      quoted(i == 0 ? sb : sb.append(','), names.get(i));
    }
    sb.append("],\"columnTypes\":[");
    for (int i = 0; i < types.size(); i++) {
      quoted(i == 0 ? sb : sb.append(','), types.get(i));
    }
    sb.append("]}");
    return shape == Shape.JSON ? sb.toString() : sb.append('\n').toString();
  }

  /** Appends {@code text} as a JSON string (written for each query's head, without a tree). */
  private static StringBuilder quoted(StringBuilder sb, String text) {
    sb.append('"');
    com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text, sb);
    return sb.append('"');
  }

  @SuppressWarnings("unchecked")
  private void writeItem(Object item) {
    if (print && shape == Shape.LEGACY) {
      write(item + "\n");
      return;
    }
    ByteBuf buf = ctx.alloc().buffer();
    try (ByteBufOutputStream out = new ByteBufOutputStream(buf);
        JsonGenerator g = Json.MAPPER.createGenerator((java.io.OutputStream) out)) {
      if (shape != Shape.DELIMITED) {
        g.writeRaw(shape == Shape.LEGACY ? ",\n" : ",");
      }
      if (shape == Shape.LEGACY) {
        g.writeStartObject();
        g.writeFieldName("row");
        g.writeStartObject();
        g.writeFieldName("columns");
      }
      if (print) {
        g.writeStartArray();
        g.writeString((String) item);
        g.writeEndArray();
      } else {
        Json.writeRow(g, columns, (List<Object>) item);
      }
      if (shape == Shape.LEGACY) {
        g.writeEndObject();
        g.writeEndObject();
      }
      if (shape == Shape.DELIMITED) {
        g.writeRaw('\n');
      }
    } catch (IOException e) {
      buf.release();
      throw new UncheckedIOException(e);
    }
    write(buf);
  }

  private void writeEnd(Throwable failure) {
    StringBuilder end = new StringBuilder();
    boolean text = print && shape == Shape.LEGACY;
    if (failure != null) {
      ObjectNode error = ApiError.generic(HttpResponseStatus.INTERNAL_SERVER_ERROR,
          ApiError.SERVER_ERROR, "The query failed: " + failure).body();
      end.append(text || shape == Shape.DELIMITED ? "" : shape == Shape.LEGACY ? ",\n" : ",")
          .append(error).append(text || shape == Shape.DELIMITED ? "\n" : "");
    } else if (shape == Shape.LEGACY && !print && query instanceof PushQuery p
        && p.state().equals("FINISHED")) {
      end.append(",\n{\"finalMessage\":\"Limit Reached\"}");
    }
    if (shape != Shape.DELIMITED && !text) {
      end.append("]\n");
    }
    if (end.length() > 0) {
      write(end.toString());
    }
    endStream();
  }

  /** Closes a query on a worker: closing waits for the query's thread, never on an event loop. */
  static void closeOffLoop(ApiContext api, StreamingQuery q) {
    try {
      api.workers().execute(q::close);
    } catch (RejectedExecutionException e) {
      // shutting down: the server closes every query itself
    }
  }

  @Override
  void writabilityChanged() {
    RowPipe<Object> p = pipe;
    if (p != null) {
      p.schedule();
    }
  }

  @Override
  void cancelled() {
    super.cancelled();
    gone = true;
    RowPipe<Object> p = pipe;
    if (p != null) {
      p.cancel();
    }
    StreamingQuery q = query;
    if (q != null && !q.isDone()) {
      closeOffLoop(api, q);
    }
  }
}

package io.sluice.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the requests of one HTTP/1.1 connection, or of one HTTP/2 stream, to their endpoint's
 * {@link Exchange}, one request at a time, and feeds it the body, writability changes, WebSocket
 * frames and the channel's end. Unknown paths get 404 and wrong methods 405, as ksqlDB's JSON
 * errors. A request that arrives while the previous response still streams (HTTP/1.1
 * pipelining) closes the connection: responses cannot interleave.
 *
 * <p>Failures inside an endpoint are answered with a 500 JSON error when no response has started,
 * else the channel is closed; either way only this client is affected.
 */
final class HttpRouter extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);

  /** An endpoint: the method it takes and how to start an exchange for a request. */
  record Route(HttpMethod method, Factory factory) {}

  @FunctionalInterface
  interface Factory {
    Exchange open(ApiContext api, ChannelHandlerContext ctx, HttpRequest request);
  }

  static final Map<String, Route> ROUTES = Map.of(
      "/ksql", new Route(HttpMethod.POST, KsqlExchange::new),
      "/query-stream", new Route(HttpMethod.POST, QueryExchange::queryStream),
      "/query", new Route(HttpMethod.POST, QueryExchange::legacy),
      "/close-query", new Route(HttpMethod.POST, CloseQueryExchange::new),
      "/inserts-stream", new Route(HttpMethod.POST, InsertsExchange::new),
      "/info", new Route(HttpMethod.GET, ServerInfoExchange::info),
      "/healthcheck", new Route(HttpMethod.GET, ServerInfoExchange::health),
      "/status", new Route(HttpMethod.GET, ServerInfoExchange::status),
      "/ws/query", new Route(HttpMethod.GET, WebSocketQuery::new));

  private final ApiContext api;
  private Exchange current;
  private boolean discarding;

  HttpRouter(ApiContext api) {
    this.api = api;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest request) {
        request(ctx, request);
      }
      if (msg instanceof WebSocketFrame frame && current instanceof WebSocketQuery ws) {
        ws.frame(frame);
      } else if (msg instanceof HttpContent content && !discarding && current != null) {
        current.content(content.content(), msg instanceof LastHttpContent);
      } else if (msg instanceof LastHttpContent) {
        discarding = false;
      }
    } catch (RuntimeException e) {
      fail(ctx, e);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void request(ChannelHandlerContext ctx, HttpRequest request) {
    if (current != null && !current.isFinished()) {
      LOG.debug("request while a response is streaming on {}: closing", ctx.channel());
      current.cancelled();
      ctx.close();
      return;
    }
    current = null;
    if (request.decoderResult().isFailure()) {
      discarding = true;
      plain(ctx, request).respond(ApiError.badRequest("Malformed HTTP request: "
          + request.decoderResult().cause().getMessage()), true);
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    Route route = ROUTES.get(path);
    if (route == null) {
      discarding = true;
      plain(ctx, request).respond(ApiError.generic(HttpResponseStatus.NOT_FOUND,
          ApiError.NOT_FOUND, "No endpoint at " + path + ": use one of " + ROUTES.keySet()),
          !isEmptyBody(request));
      return;
    }
    if (!route.method().equals(request.method())) {
      discarding = true;
      Exchange e = plain(ctx, request);
      e.respond(ApiError.generic(HttpResponseStatus.METHOD_NOT_ALLOWED,
          ApiError.METHOD_NOT_ALLOWED, path + " takes " + route.method() + ", not "
              + request.method()), !isEmptyBody(request));
      return;
    }
    long length = HttpUtil.getContentLength(request, -1L);
    if (length > api.maxBodyBytes() && !path.equals("/inserts-stream")) {
      discarding = true;
      plain(ctx, request).respond(ApiError.generic(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          ApiError.TOO_LARGE, "The request body is larger than " + api.maxBodyBytes()
              + " bytes"), true);
      return;
    }
    if (HttpUtil.is100ContinueExpected(request)) {
      ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.CONTINUE));
      request.headers().remove(HttpHeaderNames.EXPECT);
    }
    discarding = false;
    current = route.factory().open(api, ctx, request);
    current.start();
  }

  private static boolean isEmptyBody(HttpRequest request) {
    return HttpUtil.getContentLength(request, -1L) == 0
        || (!HttpUtil.isTransferEncodingChunked(request)
            && !request.headers().contains(HttpHeaderNames.CONTENT_LENGTH));
  }

  /** An exchange that only answers (errors before any endpoint is chosen). */
  private Exchange plain(ChannelHandlerContext ctx, HttpRequest request) {
    Exchange e = new Exchange(api, ctx, request, 0) { };
    current = e;
    return e;
  }

  private void fail(ChannelHandlerContext ctx, Throwable e) {
    LOG.warn("HTTP request on {} failed", ctx.channel(), e);
    Exchange ex = current;
    if (ex != null && !ex.responseStarted()) {
      discarding = true;
      ex.respond(ApiError.generic(HttpResponseStatus.INTERNAL_SERVER_ERROR,
          ApiError.SERVER_ERROR, "Internal error: " + e), true);
    } else {
      ctx.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof io.netty.handler.codec.http.HttpServerUpgradeHandler.UpgradeEvent) {
      // the connection now speaks HTTP/2: its streams have their own routers
      ctx.fireUserEventTriggered(evt);
      ctx.pipeline().remove(this);
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (current != null) {
      current.writabilityChanged();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (current != null) {
      current.cancelled();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof java.io.IOException) {
      LOG.debug("connection {} failed: {}", ctx.channel(), cause.toString());
      ctx.close();
      return;
    }
    fail(ctx, cause);
  }
}

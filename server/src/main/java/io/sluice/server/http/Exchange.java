package io.sluice.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.nio.charset.StandardCharsets;

/**
 * One request in progress and its response. The router feeds it the request's body chunks on
 * the channel's event loop; by default they are gathered up to a limit and handed to
 * {@link #onBody} whole, and a larger body is answered with 413 at once (the connection then
 * closes, since the rest of the body is not read). Streaming endpoints override {@link #content}.
 *
 * <p>The response methods may be called from any thread (Netty's writes are thread-safe); a
 * response is either one full message ({@link #respond}) or a head, chunks and an end
 * ({@link #startStream}, {@link #write}, {@link #endStream}). On HTTP/2 the exchange has its own
 * stream channel, and keep-alive does not apply.
 */
abstract class Exchange {

  final ApiContext api;
  final ChannelHandlerContext ctx;
  final HttpRequest request;
  private final int maxBody;
  private final boolean http2;
  private CompositeByteBuf body;
  private boolean bodyRejected;
  private volatile boolean responseStarted;
  private volatile boolean finished;

  Exchange(ApiContext api, ChannelHandlerContext ctx, HttpRequest request, int maxBody) {
    this.api = api;
    this.ctx = ctx;
    this.request = request;
    this.maxBody = maxBody;
    this.http2 = ctx.channel() instanceof Http2StreamChannel;
  }

  /** Called once the request head is in, before any body; for checks that need no body. */
  void start() {
  }

  /**
   * A chunk of the request body (the router releases it afterwards: retain what is kept); {@code
   * last} marks the end of the request.
   */
  void content(ByteBuf chunk, boolean last) {
    if (bodyRejected) {
      return;
    }
    if (body == null) {
      body = ctx.alloc().compositeBuffer(64);
    }
    if (body.readableBytes() + chunk.readableBytes() > maxBody) {
      bodyRejected = true;
      body.release();
      body = null;
      respond(ApiError.generic(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ApiError.TOO_LARGE,
          "The request body is larger than " + maxBody + " bytes"), true);
      return;
    }
    if (chunk.isReadable()) {
      body.addComponent(true, chunk.retain());
    }
    if (last) {
      byte[] bytes = new byte[body.readableBytes()];
      body.readBytes(bytes);
      body.release();
      body = null;
      onBody(bytes);
    }
  }

  /** The whole request body, on the event loop. */
  void onBody(byte[] bytes) {
  }

  /** The client went away (connection or stream closed) before or while responding. */
  void cancelled() {
    if (body != null) {
      body.release();
      body = null;
    }
  }

  /** The channel's writability changed (flow control): streaming responses resume here. */
  void writabilityChanged() {
  }

  boolean isFinished() {
    return finished;
  }

  boolean isHttp2() {
    return http2;
  }

  /** A JSON response: {@code value} serialized by Jackson. */
  void respond(HttpResponseStatus status, Object value) {
    ByteBuf buf = Json.buffer(ctx.alloc(), value);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    send(r, false);
  }

  /** An error response; {@code close} closes an HTTP/1.1 connection after it. */
  void respond(ApiError error, boolean close) {
    ByteBuf buf = Json.buffer(ctx.alloc(), error.body());
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, error.status(), buf);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    send(r, close);
  }

  void respond(ApiError error) {
    respond(error, false);
  }

  /** An empty 200 response. */
  void respondEmpty() {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    send(r, false);
  }

  private void send(FullHttpResponse r, boolean close) {
    if (responseStarted) {
      return;
    }
    responseStarted = true;
    finished = true;
    HttpUtil.setContentLength(r, r.content().readableBytes());
    boolean keepAlive = !close && HttpUtil.isKeepAlive(request);
    if (!http2) {
      HttpUtil.setKeepAlive(r, keepAlive);
    }
    ChannelFuture f = ctx.writeAndFlush(r);
    if (!keepAlive && !http2) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Starts a streamed (chunked on HTTP/1.1) response and sends its head at once. */
  void startStream(HttpResponseStatus status, CharSequence contentType) {
    startStream(status, contentType, true);
  }

  /**
   * Starts a streamed (chunked on HTTP/1.1) response; with {@code flush} false its head waits
   * for the next flush (one write to the socket for a short answer).
   */
  void startStream(HttpResponseStatus status, CharSequence contentType, boolean flush) {
    responseStarted = true;
    HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    if (!http2) {
      HttpUtil.setTransferEncodingChunked(r, true);
      HttpUtil.setKeepAlive(r, HttpUtil.isKeepAlive(request));
    }
    if (flush) {
      ctx.writeAndFlush(r);
    } else {
      ctx.write(r);
    }
  }

  /** Writes a chunk of a streamed response (not flushed). */
  ChannelFuture write(ByteBuf chunk) {
    return ctx.write(new DefaultHttpContent(chunk));
  }

  ChannelFuture write(String text) {
    return write(ctx.alloc().buffer().writeBytes(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Ends a streamed response. */
  void endStream() {
    if (finished) {
      return;
    }
    finished = true;
    ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    if (!http2 && !HttpUtil.isKeepAlive(request)) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  boolean responseStarted() {
    return responseStarted;
  }
}

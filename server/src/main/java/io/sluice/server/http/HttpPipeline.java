package io.sluice.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;

/**
 * The handlers of one accepted connection. It speaks HTTP/1.1, or HTTP/2 cleartext (h2c) when
 * the client starts with the HTTP/2 preface (prior knowledge) or asks for {@code Upgrade: h2c}.
 * On HTTP/2 every stream becomes a child channel that carries HTTP/1-style messages
 * ({@link Http2StreamFrameToHttpObjectCodec}), so one {@link HttpRouter} and the same endpoints
 * serve both; a stream's writability follows its HTTP/2 flow-control window.
 */
final class HttpPipeline extends ChannelInitializer<SocketChannel> {

  /** Limits of the HTTP/1.1 decoder: request line, headers, and chunks handed on at most. */
  private static final int MAX_INITIAL_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 32 * 1024;
  private static final int MAX_CHUNK = 64 * 1024;

  private final ApiContext api;

  HttpPipeline(ApiContext api) {
    this.api = api;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    HttpServerCodec http1 = new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_CHUNK);
    HttpServerUpgradeHandler.UpgradeCodecFactory upgrades = protocol ->
        AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
            ? new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(),
                multiplex())
            : null;
    // the body of an Upgrade: h2c request is gathered (up to the API's limit) before switching
    HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(http1, upgrades,
        api.maxBodyBytes());
    ChannelHandler priorKnowledge = new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel c) {
        c.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), multiplex());
        // the router below serves HTTP/1.1 only; HTTP/2 streams have their own
        c.pipeline().remove(HttpRouter.class);
      }
    };
    ch.pipeline().addLast(new CleartextHttp2ServerUpgradeHandler(http1, upgrade, priorKnowledge));
    ch.pipeline().addLast(new HttpRouter(api));
  }

  /** One child channel per HTTP/2 stream, the stream the upgrade request came on included. */
  private Http2MultiplexHandler multiplex() {
    ChannelInitializer<Channel> stream = new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel c) {
        c.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new HttpRouter(api));
      }
    };
    return new Http2MultiplexHandler(stream, stream);
  }
}

package io.sluice.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.sluice.engine.query.Engine;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sluice's HTTP API, shaped as ksqlDB's REST API so that ksqlDB's clients work: {@code /ksql},
 * {@code /query-stream}, {@code /query}, {@code /close-query}, {@code /inserts-stream},
 * {@code /info}, {@code /healthcheck}, {@code /status} and the WebSocket {@code /ws/query}; over
 * HTTP/1.1 and HTTP/2 cleartext. Thread-safe; {@link #close()} stops the streaming queries and
 * waits for the event loops.
 */
public final class HttpApiServer implements Closeable {

  /** The largest request body taken (and line of {@code /inserts-stream}): 1 MiB. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel listener;
  private final ApiContext api;

  private HttpApiServer(EventLoopGroup boss, EventLoopGroup workers, Channel listener,
      ApiContext api) {
    this.boss = boss;
    this.workers = workers;
    this.listener = listener;
    this.api = api;
  }

  /**
   * Binds {@code host:port} (0 picks a free port) and serves the engine.
   *
   * @param version the server's version for {@code /info}
   * @param kafkaClusterId the broker's cluster id for {@code /info}
   * @param serviceId the engine's service id ({@code ksql.service.id})
   * @throws InterruptedException when interrupted while binding
   * @throws io.netty.channel.ChannelException (or a subclass) when the address can't be bound
   */
  public static HttpApiServer start(String host, int port, Engine engine, String version,
      String kafkaClusterId, String serviceId) throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class
        : NioServerSocketChannel.class;
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, factory);
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(
        Math.max(2, Runtime.getRuntime().availableProcessors()), factory);
    ApiContext api = new ApiContext(engine, version, kafkaClusterId, serviceId, workers(),
        new StreamingQueries(), MAX_BODY_BYTES);
    try {
      Channel ch = new ServerBootstrap()
          .group(boss, loops)
          .channel(type)
          .option(ChannelOption.SO_BACKLOG, 256)
          .childOption(ChannelOption.TCP_NODELAY, true)
          // streamed rows stop being taken from a query while 256 KiB wait to be sent
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
              new WriteBufferWaterMark(64 * 1024, 256 * 1024))
          .childHandler(new HttpPipeline(api))
          .bind(host, port).sync().channel();
      return new HttpApiServer(boss, loops, ch, api);
    } catch (InterruptedException | RuntimeException e) {
      boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      api.workers().shutdownNow();
      throw e;
    }
  }

  /** Threads that run statements and start queries off the event loops; idle ones go away. */
  private static ExecutorService workers() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "sluice-http-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  /** {@code http://host:port}. */
  public String url() {
    InetSocketAddress a = address();
    return "http://" + a.getHostString() + ":" + a.getPort();
  }

  /**
   * Stops accepting, closes every connection (which releases query threads waiting on a slow
   * client), then stops the streaming queries still running and the worker threads.
   */
  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    api.queries().closeAll();
    api.workers().shutdown();
    try {
      api.workers().awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

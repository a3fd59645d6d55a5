package io.sluice.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.query.PersistentQuery;
import java.util.Locale;
import java.util.function.Function;

/**
 * The server's GET endpoints, each answered from memory on the event loop: {@code /info}
 * ({@code {"KsqlServerInfo": {version, kafkaClusterId, ksqlServiceId, serverStatus}}}), {@code
 * /healthcheck} ({@code {"isHealthy", "details"}}) and {@code /status} (the status of the
 * commands that made the current catalog: {@code {"commandStatuses": {"stream/`S`/create":
 * "SUCCESS", ...}}}).
 */
final class ServerInfoExchange extends Exchange {

  private final Function<ApiContext, ObjectNode> answer;

  private ServerInfoExchange(ApiContext api, ChannelHandlerContext ctx, HttpRequest request,
      Function<ApiContext, ObjectNode> answer) {
    super(api, ctx, request, api.maxBodyBytes());
    this.answer = answer;
  }

  static Exchange info(ApiContext api, ChannelHandlerContext ctx, HttpRequest request) {
    return new ServerInfoExchange(api, ctx, request, a -> {
      ObjectNode root = Json.object();
      root.putObject("KsqlServerInfo").put("version", a.version())
          .put("kafkaClusterId", a.kafkaClusterId()).put("ksqlServiceId", a.serviceId())
          .put("serverStatus", "RUNNING");
      return root;
    });
  }

  static Exchange health(ApiContext api, ChannelHandlerContext ctx, HttpRequest request) {
    return new ServerInfoExchange(api, ctx, request, a -> {
      ObjectNode root = Json.object();
      boolean replayed = a.engine().replayFailures().isEmpty();
      boolean queries = a.engine().queries().stream()
          .noneMatch(q -> q.runner().state().name().equals("FAILED"));
      root.put("isHealthy", true);
      ObjectNode details = root.putObject("details");
      details.putObject("metastore").put("isHealthy", true);
      details.putObject("kafka").put("isHealthy", true);
      details.putObject("commandRunner").put("isHealthy", true)
          .put("commandLogReplayedCleanly", replayed);
      details.putObject("persistentQueries").put("isHealthy", queries);
      return root;
    });
  }

  static Exchange status(ApiContext api, ChannelHandlerContext ctx, HttpRequest request) {
    return new ServerInfoExchange(api, ctx, request, a -> {
      ObjectNode root = Json.object();
      ObjectNode statuses = root.putObject("commandStatuses");
      for (Source s : a.engine().catalog().sources()) {
        statuses.put(s.kind().name().toLowerCase(Locale.ROOT) + "/`" + s.name() + "`/create",
            "SUCCESS");
      }
      for (PersistentQuery q : a.engine().queries()) {
        statuses.put("query/`" + q.id() + "`/create", q.runner().state().name().equals("FAILED")
            ? "ERROR" : "SUCCESS");
      }
      return root;
    });
  }

  @Override
  void onBody(byte[] bytes) {
    respond(HttpResponseStatus.OK, answer.apply(api));
  }
}

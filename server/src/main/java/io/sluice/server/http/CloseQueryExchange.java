package io.sluice.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.sluice.engine.query.StreamingQuery;
import java.util.Optional;

/**
 * {@code POST /close-query} with {@code {"queryId": "..."}}: stops a push query or PRINT that
 * some client streams (its stream then ends normally) and answers an empty 200 once it has
 * stopped; an unknown id is a 400 error.
 */
final class CloseQueryExchange extends Exchange {

  CloseQueryExchange(ApiContext api, ChannelHandlerContext ctx, HttpRequest request) {
    super(api, ctx, request, api.maxBodyBytes());
  }

  @Override
  void onBody(byte[] bytes) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (java.io.IOException e) {
      respond(ApiError.badRequest("Malformed JSON in the request body: "
          + e.getMessage().lines().findFirst().orElse("")));
      return;
    }
    String id = root != null && root.isObject() ? Json.text(root, "queryId") : null;
    if (id == null) {
      respond(ApiError.badRequest("The request needs a \"queryId\" field"));
      return;
    }
    Optional<StreamingQuery> q = api.queries().get(id);
    if (q.isEmpty()) {
      respond(ApiError.badRequest("No query with id " + id + " is running"));
      return;
    }
    api.workers().execute(() -> {
      q.get().close();
      respondEmpty();
    });
  }
}

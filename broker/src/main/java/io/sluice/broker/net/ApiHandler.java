package io.sluice.broker.net;

import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * Serves one Kafka API.
 *
 * <p>{@link #handle} is called on the connection's event loop and must not block on anything but
 * local file I/O. It answers with a stage that completes with the response body, or with null
 * when the API sends no response (Produce with acks=0). A stage completed exceptionally is
 * turned into the API's own error response by the connection.
 *
 * @param <R> the request body type
 */
public interface ApiHandler<R extends ApiMessage> {

    /** The API this handler serves. */
    ApiKeys apiKey();

    /** Serves one request. */
    CompletionStage<ApiMessage> handle(RequestContext ctx, R request);
}

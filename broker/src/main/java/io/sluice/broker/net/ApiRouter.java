package io.sluice.broker.net;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * The handler of each served API (ApiVersions is served here) and the version ranges the broker advertises: exactly the
 * APIs that have a handler, each with the versions this kafka-clients release knows as stable
 * (the same ranges an Apache Kafka broker of that release advertises).
 *
 * <p>Immutable after construction; shared by all connections.
 */
public final class ApiRouter {

    private final Map<ApiKeys, ApiHandler<?>> handlers = new EnumMap<>(ApiKeys.class);
    private final ApiVersionCollection versions = new ApiVersionCollection();

    /** A router serving {@code all} and ApiVersions. */
    public ApiRouter(Collection<ApiHandler<?>> all) {
        handlers.put(ApiKeys.API_VERSIONS, new ApiVersionsHandler(this));
        for (ApiHandler<?> h : all) {
            if (handlers.put(h.apiKey(), h) != null) {
                throw new IllegalArgumentException("two handlers for " + h.apiKey());
            }
        }
        for (ApiKeys key : handlers.keySet()) {
            versions.add(new ApiVersion().setApiKey(key.id).setMinVersion(key.oldestVersion())
                    .setMaxVersion(key.latestVersion(false)));
        }
    }

    /** The handler for {@code key}, or null when the API is not served. */
    @SuppressWarnings("unchecked") // the map pairs each key with a handler of that key's request type
    ApiHandler<ApiMessage> handler(ApiKeys key) {
        return (ApiHandler<ApiMessage>) handlers.get(key);
    }

    /** A fresh copy of the advertised version ranges (response collections are mutable). */
    public ApiVersionCollection apiVersions() {
        ApiVersionCollection copy = new ApiVersionCollection();
        for (ApiVersion v : versions) {
            copy.add(v.duplicate());
        }
        return copy;
    }
}

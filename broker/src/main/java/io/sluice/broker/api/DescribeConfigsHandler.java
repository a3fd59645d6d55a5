package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.storage.LogConfig;
import io.sluice.storage.TopicInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * DescribeConfigs of topics (their effective log configs, with where each value comes from) and
 * of this broker (its static settings, including the topic defaults under their broker names).
 */
final class DescribeConfigsHandler implements ApiHandler<DescribeConfigsRequestData> {

    private final BrokerServices services;

    DescribeConfigsHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_CONFIGS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, DescribeConfigsRequestData request) {
        DescribeConfigsResponseData response = new DescribeConfigsResponseData();
        for (DescribeConfigsResource res : request.resources()) {
            DescribeConfigsResult r = new DescribeConfigsResult().setResourceType(res.resourceType())
                    .setResourceName(res.resourceName());
            ConfigResource.Type type = ConfigResource.Type.forId(res.resourceType());
            if (type == ConfigResource.Type.TOPIC) {
                describeTopic(res, request.includeSynonyms(), r);
            } else if (type == ConfigResource.Type.BROKER) {
                describeBroker(res, r);
            } else {
                r.setErrorCode(Errors.INVALID_REQUEST.code())
                        .setErrorMessage("config resources of type " + type + " are not kept by this broker");
            }
            response.results().add(r);
        }
        return CompletableFuture.completedFuture(response);
    }

    private void describeTopic(DescribeConfigsResource res, boolean synonyms, DescribeConfigsResult r) {
        Optional<TopicInfo> topic = services.store().topic(res.resourceName());
        if (topic.isEmpty()) {
            r.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                    .setErrorMessage("Topic '" + res.resourceName() + "' does not exist.");
            return;
        }
        LogConfig config = topic.get().config();
        LogConfig defaults = services.store().defaultConfig();
        for (String key : LogConfig.keys()) {
            if (!wanted(res.configurationKeys(), key)) {
                continue;
            }
            ConfigSource source = TopicConfigs.source(config, defaults, key);
            DescribeConfigsResourceResult c = entry(key, config.value(key), source, TopicConfigs.type(key));
            if (synonyms) {
                if (source == ConfigSource.TOPIC_CONFIG) {
                    c.synonyms().add(synonym(key, config.value(key), ConfigSource.TOPIC_CONFIG));
                }
                if (!LogConfig.DEFAULTS.get(key).equals(defaults.value(key))) {
                    c.synonyms().add(synonym(TopicConfigs.brokerName(key), defaults.value(key),
                            ConfigSource.STATIC_BROKER_CONFIG));
                }
                c.synonyms().add(synonym(TopicConfigs.brokerName(key), LogConfig.DEFAULTS.get(key),
                        ConfigSource.DEFAULT_CONFIG));
            }
            r.configs().add(c);
        }
    }

    private void describeBroker(DescribeConfigsResource res, DescribeConfigsResult r) {
        if (!res.resourceName().isEmpty() && !res.resourceName().equals(Integer.toString(services.nodeId()))) {
            r.setErrorCode(Errors.INVALID_REQUEST.code())
                    .setErrorMessage("this is broker " + services.nodeId() + ", not " + res.resourceName());
            return;
        }
        var cfg = services.config();
        Map<String, String> fixed = new java.util.LinkedHashMap<>();
        fixed.put("node.id", Integer.toString(cfg.nodeId()));
        fixed.put("broker.id", Integer.toString(cfg.nodeId()));
        fixed.put("listeners", "PLAINTEXT://" + cfg.host() + ":" + services.port());
        fixed.put("log.dirs", cfg.dataDir().toString());
        fixed.put("num.partitions", Integer.toString(cfg.defaultPartitions()));
        fixed.put("default.replication.factor", "1");
        fixed.put("auto.create.topics.enable", Boolean.toString(cfg.autoCreateTopics()));
        fixed.put("socket.request.max.bytes", Integer.toString(cfg.maxRequestBytes()));
        fixed.put("group.initial.rebalance.delay.ms", Integer.toString(cfg.initialRebalanceDelayMs()));
        fixed.put("log.flush.periodic.ms", Long.toString(cfg.storage().flushIntervalMs()));
        fixed.put("log.retention.check.interval.ms", Long.toString(cfg.storage().retentionCheckIntervalMs()));
        fixed.put("log.cleaner.backoff.ms", Long.toString(cfg.storage().cleanerBackoffMs()));
        fixed.put("log.cleaner.enable", Boolean.toString(cfg.storage().cleanerEnabled()));
        fixed.put("log.segment.delete.delay.ms", Long.toString(cfg.storage().fileDeleteDelayMs()));
        for (Map.Entry<String, String> e : fixed.entrySet()) {
            if (wanted(res.configurationKeys(), e.getKey())) {
                r.configs().add(entry(e.getKey(), e.getValue(), ConfigSource.STATIC_BROKER_CONFIG, ConfigType.STRING)
                        .setReadOnly(true));
            }
        }
        LogConfig defaults = services.store().defaultConfig();
        for (String key : LogConfig.keys()) {
            String name = TopicConfigs.brokerName(key);
            if (wanted(res.configurationKeys(), name)) {
                boolean builtIn = LogConfig.DEFAULTS.get(key).equals(defaults.value(key));
                r.configs().add(entry(name, defaults.value(key),
                        builtIn ? ConfigSource.DEFAULT_CONFIG : ConfigSource.STATIC_BROKER_CONFIG,
                        TopicConfigs.type(key)).setReadOnly(true));
            }
        }
    }

    private static boolean wanted(List<String> keys, String key) {
        return keys == null || keys.isEmpty() || keys.contains(key);
    }

    private static DescribeConfigsResourceResult entry(String name, String value, ConfigSource source, ConfigType type) {
        return new DescribeConfigsResourceResult().setName(name).setValue(value).setConfigSource(source.id())
                .setConfigType(type.id()).setIsSensitive(false).setReadOnly(false);
    }

    private static DescribeConfigsSynonym synonym(String name, String value, ConfigSource source) {
        return new DescribeConfigsSynonym().setName(name).setValue(value).setSource(source.id());
    }
}

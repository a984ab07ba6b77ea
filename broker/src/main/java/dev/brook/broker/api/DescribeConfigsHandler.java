package dev.brook.broker.api;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.topic.ConfigEntry;
import dev.brook.partition.topic.ConfigSource;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.DescribeConfigsRequest;
import dev.brook.protocol.message.DescribeConfigsResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * DescribeConfigs (v1-3) for topics (every topic config with its effective value and where it comes from) and for
 * this broker (its settings under Kafka's names). Other resource types are answered INVALID_REQUEST.
 */
final class DescribeConfigsHandler {
    static final byte TOPIC = 2;
    static final byte BROKER = 4;

    /** Kafka's DescribeConfigs config_source codes. */
    private static final byte SOURCE_DYNAMIC_TOPIC = 1;
    private static final byte SOURCE_STATIC_BROKER = 4;
    private static final byte SOURCE_DEFAULT = 5;

    private final PartitionStore store;
    private final BrokerConfig config;

    DescribeConfigsHandler(PartitionStore store, BrokerConfig config) {
        this.store = store;
        this.config = config;
    }

    DescribeConfigsResponse handle(DescribeConfigsRequest request) {
        List<DescribeConfigsResponse.Result> results = new ArrayList<>();
        for (DescribeConfigsRequest.Resource r : request.resources()) {
            results.add(describe(r, request.includeSynonyms()));
        }
        return new DescribeConfigsResponse(0, results);
    }

    private DescribeConfigsResponse.Result describe(DescribeConfigsRequest.Resource r, boolean synonyms) {
        try {
            List<ConfigEntry> entries;
            if (r.resourceType() == TOPIC) {
                entries = store.describeConfigs(r.resourceName());
            } else if (r.resourceType() == BROKER) {
                if (!r.resourceName().isEmpty() && !r.resourceName().equals(Integer.toString(config.nodeId()))) {
                    return error(r, ErrorCode.INVALID_REQUEST, "Unexpected broker id, expected " + config.nodeId()
                            + " or empty string, but received " + r.resourceName());
                }
                entries = brokerEntries();
            } else {
                return error(r, ErrorCode.INVALID_REQUEST, "Unsupported resource type " + r.resourceType());
            }
            List<DescribeConfigsResponse.Config> configs = new ArrayList<>();
            for (ConfigEntry e : entries) {
                if (r.configurationKeys() != null && !r.configurationKeys().contains(e.name())) {
                    continue;
                }
                byte source = source(e.source());
                List<DescribeConfigsResponse.Synonym> syn = synonyms
                        ? List.of(new DescribeConfigsResponse.Synonym(e.name(), e.value(), source)) : List.of();
                configs.add(new DescribeConfigsResponse.Config(e.name(), e.value(), e.readOnly(), source,
                        e.sensitive(), syn, (byte) 0, null));
            }
            return new DescribeConfigsResponse.Result(ErrorCode.NONE.code(), null, r.resourceType(),
                    r.resourceName(), configs);
        } catch (RuntimeException e) {
            return error(r, ErrorMapping.of(e, r.resourceName()), e.getMessage());
        }
    }

    private List<ConfigEntry> brokerEntries() {
        List<ConfigEntry> out = new ArrayList<>();
        config.describe().forEach((name, value) -> out.add(new ConfigEntry(name, value,
                config.explicitSettings().containsKey(name) ? ConfigSource.STATIC_BROKER_CONFIG
                        : ConfigSource.DEFAULT_CONFIG, true, false)));
        return out;
    }

    private static byte source(ConfigSource s) {
        return switch (s) {
            case DYNAMIC_TOPIC_CONFIG -> SOURCE_DYNAMIC_TOPIC;
            case STATIC_BROKER_CONFIG -> SOURCE_STATIC_BROKER;
            case DEFAULT_CONFIG -> SOURCE_DEFAULT;
        };
    }

    private static DescribeConfigsResponse.Result error(DescribeConfigsRequest.Resource r, ErrorCode code,
                                                        String message) {
        return new DescribeConfigsResponse.Result(code.code(), message, r.resourceType(), r.resourceName(), List.of());
    }
}

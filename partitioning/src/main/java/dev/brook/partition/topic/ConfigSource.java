package dev.brook.partition.topic;

/** Where a config value comes from, as DescribeConfigs reports it (Kafka's {@code ConfigSource} names). */
public enum ConfigSource {
    /** Kafka's built-in default. */
    DEFAULT_CONFIG,
    /** Set in the broker's static configuration. */
    STATIC_BROKER_CONFIG,
    /** Set on the topic (CreateTopics or AlterConfigs). */
    DYNAMIC_TOPIC_CONFIG
}

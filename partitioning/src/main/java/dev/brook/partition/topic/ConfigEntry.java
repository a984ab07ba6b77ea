package dev.brook.partition.topic;

import java.util.Objects;

/**
 * One row of DescribeConfigs for a topic.
 *
 * @param name the Kafka config name
 * @param value the effective value, in its canonical spelling
 * @param source where the value comes from
 * @param readOnly whether AlterConfigs may not change it (always false for topic configs Brook knows)
 * @param sensitive whether the value is secret (never, for topic configs)
 */
public record ConfigEntry(String name, String value, ConfigSource source, boolean readOnly, boolean sensitive) {
    public ConfigEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }
}

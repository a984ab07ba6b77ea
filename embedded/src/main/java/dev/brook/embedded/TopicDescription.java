package dev.brook.embedded;

import java.util.Map;
import java.util.UUID;

/**
 * A topic as it is now.
 *
 * @param name the topic name
 * @param topicId the topic's id, fixed at creation (Kafka's topic UUID)
 * @param partitions the partition count
 * @param configs every topic setting in effect (defaults included), by Kafka name; unmodifiable
 * @param overrides the settings given for this topic only; unmodifiable
 */
public record TopicDescription(String name, UUID topicId, int partitions, Map<String, String> configs,
        Map<String, String> overrides) {
    public TopicDescription {
        configs = Map.copyOf(configs);
        overrides = Map.copyOf(overrides);
    }
}

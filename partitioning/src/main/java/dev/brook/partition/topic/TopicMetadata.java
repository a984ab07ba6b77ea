package dev.brook.partition.topic;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the node knows about a topic, as stored by {@link TopicStore}.
 *
 * @param name the topic name
 * @param topicId the topic's id (Kafka's topic UUID), fixed at creation
 * @param partitionCount number of partitions, at least 1
 * @param replicationFactor number of replicas of each partition, at least 1
 * @param configOverrides the topic's own config settings, canonical (see {@link TopicConfig#overrides()})
 */
public record TopicMetadata(String name, UUID topicId, int partitionCount, int replicationFactor,
        Map<String, String> configOverrides) {
    public TopicMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topicId, "topicId");
        if (partitionCount < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partition count and replication factor must be at least 1, got "
                    + partitionCount + " and " + replicationFactor);
        }
        configOverrides = java.util.Collections.unmodifiableMap(new TreeMap<>(configOverrides));
    }

    /** The same topic with more partitions. */
    public TopicMetadata withPartitionCount(int count) {
        return new TopicMetadata(name, topicId, count, replicationFactor, configOverrides);
    }

    /** The same topic with other config overrides. */
    public TopicMetadata withConfigOverrides(Map<String, String> overrides) {
        return new TopicMetadata(name, topicId, partitionCount, replicationFactor, overrides);
    }

    /** The partitions of the topic, in order. */
    public TopicPartition partition(int index) {
        if (index < 0 || index >= partitionCount) {
            throw new IndexOutOfBoundsException("partition " + index + " of " + name + " with " + partitionCount);
        }
        return new TopicPartition(name, index);
    }
}

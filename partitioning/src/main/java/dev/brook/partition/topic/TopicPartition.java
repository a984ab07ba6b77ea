package dev.brook.partition.topic;

import java.util.Objects;

/**
 * One partition of one topic.
 *
 * @param topic the topic name (not validated here; see {@link TopicName})
 * @param partition the partition index, from 0
 */
public record TopicPartition(String topic, int partition) {
    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative: " + partition);
        }
    }

    /** The partition's directory name in a log dir, Kafka's {@code <topic>-<partition>}. */
    public String dirName() {
        return topic + "-" + partition;
    }

    @Override
    public String toString() {
        return dirName();
    }
}

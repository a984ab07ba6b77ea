package dev.brook.partition;

import dev.brook.partition.producer.ProducerStateManager;
import dev.brook.partition.topic.TopicDefaults;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Settings of a {@link PartitionStore}.
 *
 * @param logDir the log directory holding partition directories and {@code brook-metadata/}
 * @param topicDefaults broker-level topic config defaults
 * @param defaultPartitions partitions of a topic created with partition count -1 (Kafka's {@code num.partitions},
 *     1)
 * @param producerIdExpirationMs Kafka's {@code producer.id.expiration.ms} (1 day)
 * @param maintenanceIdleMs how long the maintenance thread sleeps after a cycle with nothing to do
 * @param clock time source of logs and producer expiration
 */
public record PartitionStoreConfig(Path logDir, TopicDefaults topicDefaults, int defaultPartitions,
        long producerIdExpirationMs, long maintenanceIdleMs, Clock clock) {
    public PartitionStoreConfig {
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(topicDefaults, "topicDefaults");
        Objects.requireNonNull(clock, "clock");
        if (defaultPartitions < 1 || producerIdExpirationMs < 1 || maintenanceIdleMs < 1) {
            throw new IllegalArgumentException("num.partitions, producer.id.expiration.ms and the maintenance idle "
                    + "time must be at least 1");
        }
    }

    /** Kafka's defaults for a log dir: 1 partition, one-day producer expiration, 100 ms maintenance idle. */
    public static PartitionStoreConfig of(Path logDir) {
        return new PartitionStoreConfig(logDir, TopicDefaults.kafkaDefaults(), 1,
                ProducerStateManager.DEFAULT_PRODUCER_ID_EXPIRATION_MS, 100, Clock.systemUTC());
    }

    public PartitionStoreConfig withTopicDefaults(TopicDefaults value) {
        return new PartitionStoreConfig(logDir, value, defaultPartitions, producerIdExpirationMs, maintenanceIdleMs,
                clock);
    }

    public PartitionStoreConfig withDefaultPartitions(int value) {
        return new PartitionStoreConfig(logDir, topicDefaults, value, producerIdExpirationMs, maintenanceIdleMs,
                clock);
    }

    public PartitionStoreConfig withProducerIdExpirationMs(long value) {
        return new PartitionStoreConfig(logDir, topicDefaults, defaultPartitions, value, maintenanceIdleMs, clock);
    }

    public PartitionStoreConfig withMaintenanceIdleMs(long value) {
        return new PartitionStoreConfig(logDir, topicDefaults, defaultPartitions, producerIdExpirationMs, value,
                clock);
    }

    public PartitionStoreConfig withClock(Clock value) {
        return new PartitionStoreConfig(logDir, topicDefaults, defaultPartitions, producerIdExpirationMs,
                maintenanceIdleMs, value);
    }
}

package dev.brook.broker;

import dev.brook.compaction.CompactionConfig;
import dev.brook.compaction.LogCleaner;
import dev.brook.partition.Partition;
import dev.brook.partition.PartitionLifecycleListener;
import dev.brook.partition.topic.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link LogCleaner} registered with exactly the partitions whose {@code cleanup.policy} includes
 * {@code compact}: on start (the store replays every open partition), on topic creation and partition increases,
 * when a config change turns compaction on or off, and unregistered before a partition closes (topic deletion or
 * shutdown), which waits for a cleaning of it in progress. Each partition is cleaned only below its high watermark,
 * so uncommitted records are never compacted.
 */
final class CompactedPartitions implements PartitionLifecycleListener {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedPartitions.class);

    private final LogCleaner cleaner;

    CompactedPartitions(LogCleaner cleaner) {
        this.cleaner = cleaner;
    }

    @Override
    public void partitionOpened(Partition partition) {
        if (partition.config().cleanupPolicy().compacts()) {
            register(partition, partition.config());
        }
    }

    @Override
    public void partitionConfigChanged(Partition partition, TopicConfig before, TopicConfig after) {
        boolean was = before.cleanupPolicy().compacts();
        boolean is = after.cleanupPolicy().compacts();
        if (is && !was) {
            register(partition, after);
        } else if (was && !is) {
            LOG.info("{}: cleanup.policy is now {}, no longer compacted", partition.topicPartition(),
                    after.cleanupPolicy().configValue());
            cleaner.unregister(partition.topicPartition());
        } else if (is) {
            cleaner.updateConfig(partition.topicPartition(), CompactionConfig.of(after));
        }
    }

    @Override
    public void partitionClosing(Partition partition) {
        cleaner.unregister(partition.topicPartition());
    }

    private void register(Partition partition, TopicConfig config) {
        LOG.debug("{}: registered with the log cleaner (cleanup.policy={})", partition.topicPartition(),
                config.cleanupPolicy().configValue());
        cleaner.register(partition.topicPartition(), partition.log(), CompactionConfig.of(config),
                partition::highWatermark);
    }

    @Override
    public String toString() {
        return "CompactedPartitions(" + cleaner + ")";
    }
}

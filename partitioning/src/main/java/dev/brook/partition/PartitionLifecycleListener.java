package dev.brook.partition;

import dev.brook.partition.topic.TopicConfig;

/**
 * Told when the {@link PartitionStore} opens a partition, changes its topic's config, or is about to close it, so
 * that background services outside this module (the log cleaner) can follow the partitions without the store
 * knowing them. Calls come on the thread making the change, under the store's admin lock, one at a time; a listener
 * must not call back into the store's admin operations. An exception a listener throws is logged with its cause and
 * does not undo or stop the change.
 */
public interface PartitionLifecycleListener {
    /** {@code partition} is open and serving: loaded on start, created with its topic, or added to it. */
    void partitionOpened(Partition partition);

    /** The topic's config of {@code partition} changed from {@code before} to {@code after} (already applied). */
    void partitionConfigChanged(Partition partition, TopicConfig before, TopicConfig after);

    /**
     * {@code partition} is about to close (its topic is being deleted, or the store is closing). When this returns
     * the listener must no longer use it.
     */
    void partitionClosing(Partition partition);
}

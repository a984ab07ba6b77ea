package dev.brook.partition;

import dev.brook.partition.topic.TopicPartition;

/**
 * Told when a partition's high watermark moves up, so parked fetches (long-poll) can complete. Called on the
 * appending thread after the append returned from the log, outside every lock; it must be quick and must not
 * block. An exception it throws is logged and does not affect the append or the other listeners.
 */
@FunctionalInterface
public interface HighWatermarkListener {
    /**
     * @param partition the partition
     * @param highWatermark the new high watermark
     */
    void onHighWatermarkAdvanced(TopicPartition partition, long highWatermark);
}

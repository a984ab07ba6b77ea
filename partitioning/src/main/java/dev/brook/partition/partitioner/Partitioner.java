package dev.brook.partition.partitioner;

/**
 * Chooses the partition of a record a producer sends. Implementations must be thread-safe: one instance serves every
 * producing thread of a Brook instance.
 */
public interface Partitioner {

    /**
     * @param topic          the topic
     * @param serializedKey  the key as it is stored, or {@code null} for a record without a key
     * @param partitionCount the topic's partition count (all partitions, as kafka-clients counts them)
     * @return a partition in {@code [0, partitionCount)}
     */
    int partition(String topic, byte[] serializedKey, int partitionCount);

    /**
     * Told when a batch for {@code partition} of {@code topic} was closed and sent, so that sticky strategies may move
     * keyless records on to another partition. The default does nothing.
     */
    default void batchCompleted(String topic, int partition) {
    }
}

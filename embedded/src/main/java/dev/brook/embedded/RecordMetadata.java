package dev.brook.embedded;

/**
 * Where a sent record was stored.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the record's offset in the partition
 * @param timestamp the record's timestamp: the one sent, or the append time on {@code LogAppendTime} topics
 */
public record RecordMetadata(String topic, int partition, long offset, long timestamp) {
}

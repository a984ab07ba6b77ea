package dev.brook.embedded;

import dev.brook.log.record.Header;
import java.util.List;

/**
 * One record read from a topic.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the record's offset in its partition
 * @param timestamp the timestamp in ms (the create time sent, or the append time on {@code LogAppendTime} topics)
 * @param key the deserialized key, or {@code null}
 * @param value the deserialized value, or {@code null} (a tombstone)
 * @param headers the headers in the order sent; unmodifiable
 * @param <K> key type
 * @param <V> value type
 */
public record BrookRecord<K, V>(String topic, int partition, long offset, long timestamp, K key, V value,
        List<Header> headers) {
    public BrookRecord {
        headers = List.copyOf(headers);
    }
}

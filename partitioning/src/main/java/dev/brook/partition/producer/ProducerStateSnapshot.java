package dev.brook.partition.producer;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Producer state as of one log offset.
 *
 * @param offset every batch below this offset is reflected, none at or above it
 * @param producers entries by producer id
 */
public record ProducerStateSnapshot(long offset, Map<Long, ProducerStateEntry> producers) {
    public ProducerStateSnapshot {
        if (offset < 0) {
            throw new IllegalArgumentException("snapshot offset must not be negative: " + offset);
        }
        producers = Collections.unmodifiableMap(new TreeMap<>(producers));
    }
}

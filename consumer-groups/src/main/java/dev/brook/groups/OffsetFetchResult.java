package dev.brook.groups;

import dev.brook.partition.topic.TopicPartition;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to OffsetFetch.
 *
 * @param error {@link GroupError#NONE} or a group-level error
 * @param offsets the requested partitions ({@link OffsetAndMetadata#NO_OFFSET} for those without a committed
 *     offset), or every committed partition when all were asked for
 */
public record OffsetFetchResult(GroupError error, Map<TopicPartition, OffsetAndMetadata> offsets) {
    /** Copies the map. */
    public OffsetFetchResult {
        Objects.requireNonNull(error, "error");
        offsets = Map.copyOf(offsets);
    }
}

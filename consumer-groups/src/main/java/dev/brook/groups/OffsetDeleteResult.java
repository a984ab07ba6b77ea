package dev.brook.groups;

import dev.brook.partition.topic.TopicPartition;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to OffsetDelete.
 *
 * @param error {@link GroupError#NONE}, or {@link GroupError#GROUP_ID_NOT_FOUND},
 *     {@link GroupError#INVALID_GROUP_ID}, {@link GroupError#NON_EMPTY_GROUP} (a non-consumer group with members)
 * @param partitions per partition: {@link GroupError#NONE} (deleted, or there was nothing to delete) or
 *     {@link GroupError#GROUP_SUBSCRIBED_TO_TOPIC}; empty on a group-level error
 */
public record OffsetDeleteResult(GroupError error, Map<TopicPartition, GroupError> partitions) {
    /** Copies the map. */
    public OffsetDeleteResult {
        Objects.requireNonNull(error, "error");
        partitions = Map.copyOf(partitions);
    }
}

package dev.brook.groups;

import dev.brook.partition.topic.TopicPartition;

/**
 * How far a group's committed offset is behind a partition's end.
 *
 * @param partition the partition
 * @param committedOffset the group's committed offset
 * @param logEndOffset the partition's high watermark (the end consumers can read to), or -1 if the partition
 *     does not exist (any more)
 * @param lag {@code logEndOffset - committedOffset}, at least 0; -1 when the end is unknown
 */
public record PartitionLag(TopicPartition partition, long committedOffset, long logEndOffset, long lag) {
}

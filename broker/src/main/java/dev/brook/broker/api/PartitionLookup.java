package dev.brook.broker.api;

import dev.brook.partition.Partition;
import dev.brook.partition.UnknownTopicOrPartitionException;
import dev.brook.partition.topic.TopicPartition;

/** Finds the partition a request names. */
@FunctionalInterface
interface PartitionLookup {

    /**
     * @throws UnknownTopicOrPartitionException if this node has no such partition
     */
    Partition leader(TopicPartition tp);
}

/**
 * Choosing the partition of a produced record: Kafka's default (murmur2 of the serialized key, sticky batches for
 * keyless records) and the interface for custom partitioners. Pure functions of their inputs; knows nothing of
 * logs, topics on disk or the network.
 */
package dev.brook.partition.partitioner;

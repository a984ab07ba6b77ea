/**
 * The partitions of one node: {@link dev.brook.partition.Partition} (one topic-partition: its log, leader role
 * and epoch, high watermark, idempotent-producer state, reads bounded by the high watermark) and
 * {@link dev.brook.partition.PartitionStore} (every partition of the node: topic creation, deletion, config
 * changes, partition increases, loading on start, one maintenance thread, clean close).
 *
 * <p>Errors leave this package as typed exceptions whose Javadoc names the Kafka error code; the broker maps them
 * to the wire in one table. Topic-name and config errors come from {@link dev.brook.partition.topic}
 * ({@code InvalidTopicException}, {@code InvalidConfigException}), producer-state errors from
 * {@link dev.brook.partition.producer}, and log errors (offset out of range, storage, invalid batch) from
 * log-core.
 *
 * <p>This package must not touch the network or Kafka request/response objects, and must not read or write
 * segment files except through {@link dev.brook.log.Log}.
 */
package dev.brook.partition;

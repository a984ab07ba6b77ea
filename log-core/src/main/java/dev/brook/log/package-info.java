/**
 * The log of one partition: segments of Kafka RecordBatch v2 batches with offset and time indexes, appends that
 * assign offsets, zero-copy reads, lookups by offset and time, truncation, log start offset, retention, flush
 * policies, crash recovery and the background maintenance agent.
 *
 * <p>This package knows nothing of topics, the network or Kafka requests. The batch format lives in
 * {@link dev.brook.log.record}, the index files in {@link dev.brook.log.index}, the small checkpoint files in
 * {@link dev.brook.log.checkpoint} and the leader-epoch lineage in {@link dev.brook.log.epoch}.
 */
package dev.brook.log;

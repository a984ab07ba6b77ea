/**
 * Idempotent-producer state of one partition, following Kafka's {@code ProducerStateManager} and
 * {@code ProducerAppendInfo}: per producer id the current epoch and its last five batches, the checks a leader
 * append must pass (epoch, sequence, duplicate), the snapshot file that lets the state survive a restart, and
 * replay of the log after the snapshot.
 *
 * <p>This package sees batches only through log-core's {@link dev.brook.log.AppendHook} and
 * {@link dev.brook.log.Log} reads; it must not touch topics, partition roles or the network. Transactions
 * (ongoing-transaction tracking, last stable offset, aborted-transaction index) are not handled yet.
 */
package dev.brook.partition.producer;

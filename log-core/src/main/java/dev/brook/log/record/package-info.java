/**
 * The Kafka RecordBatch v2 (magic 2) format: the unit Brook receives, stores and serves unchanged.
 *
 * <p>This package views a batch in place ({@link dev.brook.log.record.RecordBatch}), splits a buffer of batches
 * ({@link dev.brook.log.record.RecordBatches}), validates an incoming batch
 * ({@link dev.brook.log.record.BatchValidator}), decodes its records lazily
 * ({@link dev.brook.log.record.RecordBatch#records()}) and builds new batches
 * ({@link dev.brook.log.record.RecordBatchBuilder}), with the codecs none, gzip and lz4
 * ({@link dev.brook.log.record.Compression}). Invalid input of any shape ends in an
 * {@link dev.brook.log.record.InvalidBatchException}, never in a buffer or allocation error.
 *
 * <p>It works on {@link java.nio.ByteBuffer}s only. It must not touch files, indexes, offsets bookkeeping or the
 * network: segments, indexes and the broker build on it, not the other way round. Mapping its exceptions to Kafka
 * error codes is the broker's job.
 */
package dev.brook.log.record;

/**
 * The leader-epoch lineage of one log ({@link dev.brook.log.epoch.LeaderEpochCache}): which leader epoch wrote
 * which offsets, used to answer OffsetsForLeaderEpoch and to keep the lineage in step when the log is truncated
 * at either end.
 *
 * <p>Its only I/O is its own checkpoint file, through {@link dev.brook.log.checkpoint.LeaderEpochCheckpoint}. It
 * never reads or writes segments or indexes, does not decide how a corrupt checkpoint is rebuilt (the log does),
 * and does no network I/O.
 */
package dev.brook.log.epoch;

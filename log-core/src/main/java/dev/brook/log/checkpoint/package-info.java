/**
 * Small files Brook owns that record the state of one log (one partition directory): the log start offset, the
 * recovery point, the leader-epoch lineage and the clean shutdown marker.
 *
 * <p>All of them share one envelope, {@link dev.brook.log.checkpoint.CheckpointFile}: US-ASCII text with a
 * magic, a kind, a version and a CRC-32C trailer, replaced by write-to-{@code .tmp}, force, atomic rename and
 * directory fsync. Each kind is a thin typed class over it whose Javadoc documents its payload byte by byte.
 * Reading never guesses: a missing file is an empty result, anything unverifiable is a
 * {@link dev.brook.log.checkpoint.CorruptCheckpointException}, and the caller decides what to rebuild.
 *
 * <p>This package touches only its own checkpoint files (and their {@code .tmp} siblings) in the directory it is
 * given. It never reads or writes segments or indexes, never decides recovery policy, and does no network I/O.
 */
package dev.brook.log.checkpoint;

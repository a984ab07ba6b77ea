/**
 * The log cleaner: picks the dirtiest compacted log, builds a bounded off-heap key to latest-offset map
 * ({@link dev.brook.compaction.OffsetMap}), and rewrites sealed segments keeping only each key's latest record
 * (tombstones kept for {@code delete.retention.ms} after the cleaner first reaches them), swapping the cleaned
 * segments in crash-safely through {@link dev.brook.log.Log#replaceSegments}. Entry point:
 * {@link dev.brook.compaction.LogCleaner}.
 *
 * <p>Knows log-core and the partition layer's topic configs. It must not touch the network, open or close logs
 * (the owner registers and unregisters them), or write any file of a log directory other than through log-core's
 * cleaner hooks.
 */
package dev.brook.compaction;

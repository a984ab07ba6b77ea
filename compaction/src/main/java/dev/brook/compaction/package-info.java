/**
 * The log cleaner: picks the dirtiest compacted log, builds a bounded key to latest-offset map, and rewrites sealed
 * segments keeping only each key's latest record (tombstones kept for {@code delete.retention.ms}), swapping the
 * cleaned segments in crash-safely. Knows log-core and the partition layer's configs; knows nothing of the network.
 */
package dev.brook.compaction;

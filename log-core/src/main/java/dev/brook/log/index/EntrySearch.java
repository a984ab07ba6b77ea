package dev.brook.log.index;

import java.nio.ByteBuffer;

/**
 * Binary searches over the fixed-size entries of a mapped index file. Every read is an absolute get, so
 * concurrent searches over one buffer do not interfere.
 */
final class EntrySearch {
    /**
     * Size of the warm tail searched first. Almost every lookup (consumers and followers near the log end)
     * targets the newest entries; a plain binary search over the whole file would start in the middle of it and
     * touch about log2(n) pages, most of them cold. Confining those lookups to the last 8 KiB keeps them on two or
     * three pages that stay in the page cache because appends touch them anyway.
     */
    static final int WARM_TAIL_BYTES = 8192;

    private EntrySearch() {
    }

    /**
     * Byte index of an entry.
     *
     * @param slot entry number, from 0
     * @param entrySize bytes per entry
     * @return where the entry starts in the file
     */
    static int slotStart(int slot, int entrySize) {
        return IndexHeader.SIZE + slot * entrySize;
    }

    /**
     * Counts the valid entries of a freshly mapped file: the leading slots whose relative offset is positive.
     * Slots after the valid ones are zero (preallocated, or zeroed on truncation), so "relative offset &le; 0" is
     * false then true along the file and a binary search finds the boundary after reading about 20 slots rather
     * than every page of a 10 MiB file. On a damaged file the boundary found may not be the first one; the
     * entries before it are exactly what {@link AbstractMappedIndex#checkEntries} then verifies.
     *
     * @param buffer the mapped file
     * @param entrySize bytes per entry
     * @param capacity number of slots in the file
     * @param relativeOffset the relative offset field
     * @return number of valid entries
     */
    static int countEntries(ByteBuffer buffer, int entrySize, int capacity, SlotKey relativeOffset) {
        int low = 0;
        int high = capacity; // invariant: slots before low are valid, slots from high on are not
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (relativeOffset.at(buffer, slotStart(mid, entrySize)) > 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Finds the last of the first {@code count} entries whose key is at or below {@code target}, searching the
     * warm tail first. Keys must be increasing over those entries.
     *
     * @param buffer the mapped file
     * @param entrySize bytes per entry
     * @param count number of valid entries
     * @param key the field searched
     * @param target the key looked for
     * @return the slot, or -1 when every entry's key is above the target
     */
    static int floorSlot(ByteBuffer buffer, int entrySize, int count, SlotKey key, long target) {
        if (count == 0 || key.at(buffer, slotStart(0, entrySize)) > target) {
            return -1;
        }
        int warmFirst = Math.max(0, count - WARM_TAIL_BYTES / entrySize);
        if (key.at(buffer, slotStart(warmFirst, entrySize)) <= target) {
            return floorBetween(buffer, entrySize, key, target, warmFirst, count - 1);
        }
        return floorBetween(buffer, entrySize, key, target, 0, warmFirst - 1);
    }

    /**
     * Like {@link #floorSlot} but strictly below the target.
     *
     * @param buffer the mapped file
     * @param entrySize bytes per entry
     * @param count number of valid entries
     * @param key the field searched
     * @param target the key looked for
     * @return the slot of the last entry whose key is below {@code target}, or -1
     */
    static int lowerSlot(ByteBuffer buffer, int entrySize, int count, SlotKey key, long target) {
        return target == Long.MIN_VALUE ? -1 : floorSlot(buffer, entrySize, count, key, target - 1);
    }

    /** Last slot in [low, high] with key &le; target, given that slot {@code low} qualifies. */
    private static int floorBetween(ByteBuffer buffer, int entrySize, SlotKey key, long target, int low, int high) {
        while (low < high) {
            int mid = (low + high + 1) >>> 1; // round up so that low = mid always makes progress
            if (key.at(buffer, slotStart(mid, entrySize)) <= target) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}

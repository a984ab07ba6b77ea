package dev.brook.log.index;

import java.nio.ByteBuffer;

/**
 * Reads one sortable field (relative offset, file position or timestamp) of the index entry that starts at a
 * given byte index, so that one binary search serves every field of both index types.
 */
@FunctionalInterface
interface SlotKey {
    /**
     * Reads the field with an absolute get, so concurrent readers never share buffer position state.
     *
     * @param buffer the mapped index file
     * @param entryStart byte index of the first byte of the entry
     * @return the field value widened to a long
     */
    long at(ByteBuffer buffer, int entryStart);
}

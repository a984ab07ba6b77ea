package dev.brook.log.record;

import java.nio.ByteBuffer;

/**
 * Splits a batch's records section into record bodies. Each record on the wire is
 * {@code Length varint, Body (Length bytes)}; a source reads the length, checks it against the bytes that can
 * still exist, and hands out the body. How the section is stored (plain or compressed) is the source's concern;
 * what a body contains is {@link RecordParser}'s.
 */
interface RecordSource extends AutoCloseable {
    /**
     * The next record's body, positioned at 0 and limited to exactly its length, or {@code null} if the section
     * ends cleanly before another record starts.
     *
     * @throws CorruptRecordException if a length is malformed, negative, or larger than the bytes left
     */
    ByteBuffer nextBody();

    /** Whether any byte follows the records read so far; consumes what it looks at. */
    boolean hasTrailingBytes();

    /** Uncompressed bytes of the records section consumed so far: length prefixes plus bodies. */
    long bytesRead();

    /** Releases decompressor resources; never throws. */
    @Override
    void close();
}

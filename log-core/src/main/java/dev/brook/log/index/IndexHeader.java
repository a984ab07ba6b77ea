package dev.brook.log.index;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The 16-byte header at the start of every index file. All integers are big-endian:
 *
 * <pre>
 * offset  size  field
 *      0     4  Magic       0x42524B4F "BRKO" for an offset index, 0x42524B54 "BRKT" for a time index
 *      4     2  Version     1
 *      6     2  EntrySize   bytes per entry: 8 (offset index) or 12 (time index)
 *      8     8  BaseOffset  base offset of the segment, the number in the file name
 * </pre>
 *
 * <p>The header lets a reader refuse a file that is not an index of the expected kind, was written by another
 * format version, or belongs to another segment (for example after a botched rename), instead of serving
 * wrong positions. Any mismatch is corruption; the header carries no entry count (see
 * {@link AbstractMappedIndex}).
 *
 * @param magic identifies the index kind
 * @param version format version
 * @param entrySize bytes per entry
 * @param baseOffset base offset of the segment
 */
record IndexHeader(int magic, short version, short entrySize, long baseOffset) {
    /** Bytes taken by the header; entries start here. */
    static final int SIZE = 16;
    /** The only format version this build reads and writes. */
    static final short CURRENT_VERSION = 1;

    /**
     * Creates the header this build writes for a new file.
     *
     * @param magic identifies the index kind
     * @param entrySize bytes per entry
     * @param baseOffset base offset of the segment
     * @return the header
     */
    static IndexHeader current(int magic, int entrySize, long baseOffset) {
        return new IndexHeader(magic, CURRENT_VERSION, (short) entrySize, baseOffset);
    }

    /**
     * Reads the header from the start of a buffer with absolute gets.
     *
     * @param buffer at least {@link #SIZE} bytes
     * @return the header found there
     */
    static IndexHeader readFrom(ByteBuffer buffer) {
        return new IndexHeader(buffer.getInt(0), buffer.getShort(4), buffer.getShort(6), buffer.getLong(8));
    }

    /**
     * Writes this header at the start of a buffer with absolute puts.
     *
     * @param buffer at least {@link #SIZE} bytes
     */
    void writeTo(ByteBuffer buffer) {
        buffer.putInt(0, magic);
        buffer.putShort(4, version);
        buffer.putShort(6, entrySize);
        buffer.putLong(8, baseOffset);
    }

    /**
     * Compares a header read from disk with this, the expected one, field by field.
     *
     * @param found the header read from the file
     * @param file the file, for the message
     * @throws CorruptIndexException naming the first field that differs
     */
    void verify(IndexHeader found, Path file) throws CorruptIndexException {
        if (found.magic != magic) {
            throw new CorruptIndexException(file, "header magic " + magicName(found.magic) + " is not "
                    + magicName(magic));
        }
        if (found.version != version) {
            throw new CorruptIndexException(file, "header version " + found.version + " is not " + version);
        }
        if (found.entrySize != entrySize) {
            throw new CorruptIndexException(file, "header entry size " + found.entrySize + " is not " + entrySize);
        }
        if (found.baseOffset != baseOffset) {
            throw new CorruptIndexException(file, "header base offset " + found.baseOffset
                    + " is not the segment's " + baseOffset);
        }
    }

    /** Hex plus the four characters when printable, so a time index opened as an offset index is obvious. */
    private static String magicName(int magic) {
        StringBuilder text = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            char c = (char) ((magic >>> shift) & 0xFF);
            if (c < 0x20 || c > 0x7E) {
                return String.format("0x%08X", magic);
            }
            text.append(c);
        }
        return String.format("0x%08X \"%s\"", magic, text);
    }
}

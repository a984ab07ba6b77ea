package dev.brook.log.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The sparse offset index of one segment ({@code NNNNNNNNNNNNNNNNNNNN.index}): maps the base offset of some
 * batches to their byte position in the segment's {@code .log} file, so that a read can start near the batch it
 * wants and scan forward from there.
 *
 * <p>The file is a 16-byte header with magic {@link #MAGIC} ("BRKO") and entry size 8 (see {@code IndexHeader}),
 * then 8-byte entries, big-endian (file layout, entry count and thread safety in {@link AbstractMappedIndex}):
 *
 * <pre>
 * offset  size  field
 *      0     4  RelativeOffset  base offset of the batch minus the segment's base offset; &gt; 0
 *      4     4  Position        byte position of the batch in the .log file
 * </pre>
 *
 * <p>Both fields strictly increase from entry to entry. The batch at relative offset 0 and position 0 is never
 * indexed; {@link #lookup} falls back to it.
 */
public final class OffsetIndex extends AbstractMappedIndex<OffsetPosition> {
    /** Header magic of an offset index file: "BRKO". */
    public static final int MAGIC = 0x42524B4F;
    /** Bytes per entry. */
    public static final int ENTRY_SIZE = 8;

    private static final SlotKey RELATIVE_OFFSET = (buffer, at) -> buffer.getInt(at);
    private static final SlotKey POSITION = (buffer, at) -> buffer.getInt(at + 4);

    private final OffsetPosition fallback;

    private OffsetIndex(Path file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, MAGIC, ENTRY_SIZE, RELATIVE_OFFSET);
        this.fallback = new OffsetPosition(baseOffset, 0);
    }

    /**
     * Creates the file, preallocated and zero-filled, or opens an existing one for appending: checks its header
     * and length, counts its entries and re-extends it to {@code maxIndexSize}.
     *
     * @param file the {@code .index} file
     * @param baseOffset base offset of the segment
     * @param maxIndexSize preallocated length in bytes, rounded down to the header plus whole entries
     * @return the open index
     * @throws CorruptIndexException if an existing, non-empty file has a bad header or length
     * @throws IOException if the file cannot be created, resized or mapped
     * @throws IllegalArgumentException if {@code baseOffset} is negative or {@code maxIndexSize} leaves no room
     *     for one entry
     */
    public static OffsetIndex open(Path file, long baseOffset, int maxIndexSize) throws IOException {
        return new OffsetIndex(file, baseOffset, maxIndexSize);
    }

    /**
     * Adds an entry after the last one. Writer thread only.
     *
     * @param offset base offset of the batch
     * @param position byte position of the batch in the {@code .log} file
     * @throws InvalidIndexEntryException if {@code offset} is not above the base offset and the last entry's
     *     offset, or {@code position} is negative or not above the last entry's position
     * @throws IndexFullException if the index is full
     * @throws IllegalStateException if the index is closed
     */
    public void append(long offset, int position) {
        if (position < 0) {
            throw new InvalidIndexEntryException(file(), "position " + position + " is negative");
        }
        appendEntry(offset, position, POSITION, "position");
    }

    /**
     * Finds where to start scanning for {@code targetOffset}. Safe from any thread.
     *
     * @param targetOffset the offset looked for
     * @return the entry with the largest offset at or below the target, or {@code (baseOffset, 0)} when there is
     *     none
     * @throws IllegalStateException if the index is closed
     */
    public OffsetPosition lookup(long targetOffset) {
        // Below the base nothing matches; clamping also keeps targetOffset - baseOffset from overflowing.
        return floorEntry(RELATIVE_OFFSET, targetOffset < baseOffset() ? -1 : targetOffset - baseOffset());
    }

    /**
     * Removes every entry whose position is at or above {@code position}, for when recovery or truncation cuts
     * the {@code .log} file there. Writer thread only.
     *
     * @param position the first byte position removed
     * @throws IllegalStateException if the index is closed
     */
    public void truncateToPosition(int position) {
        truncateFrom(POSITION, position);
    }

    /**
     * Verifies the entries against the rules of the format and the current {@code .log} file. Writer thread
     * only.
     *
     * @param logFileSize length of the segment's {@code .log} file
     * @throws CorruptIndexException naming the file and the first bad entry: offsets not strictly increasing
     *     or not above the base offset, positions not positive, not strictly increasing or not below
     *     {@code logFileSize}, or
     *     a non-zero slot after the last entry
     * @throws IllegalStateException if the index is closed
     */
    public void sanityCheck(long logFileSize) throws CorruptIndexException {
        checkEntries(positionsWithin(logFileSize));
    }

    /**
     * Keeps the leading entries whose positions lie below {@code validateFrom} (the data recovery trusts) and
     * removes every later one, whatever garbage a crash left there. Writer thread only.
     *
     * @param validateFrom the first byte position recovery validates
     * @throws CorruptIndexException if a kept entry breaks a rule of {@link #sanityCheck}; nothing is removed
     * @throws IllegalStateException if the index is closed
     */
    public void truncateForRecovery(int validateFrom) throws CorruptIndexException {
        truncateForRecovery(positionsWithin(validateFrom), POSITION, validateFrom);
    }

    /**
     * Positions are not negative (garbage), below the end of the data and strictly increasing. Position 0 is legal
     * for a first entry whose relative offset is above 0 (a cleaned segment's first surviving batch); a zero-filled
     * slot is still caught, by its relative offset of 0, which append never writes.
     */
    private static EntryCheck positionsWithin(long logFileSize) {
        return (buffer, at, previous) -> {
            int position = buffer.getInt(at + 4);
            if (position < 0) {
                return "position " + position + " is negative";
            }
            if (position >= logFileSize) {
                return "position " + position + " is not below the log size " + logFileSize;
            }
            if (previous >= 0 && position <= buffer.getInt(previous + 4)) {
                return "position " + position + " is not above the previous entry's " + buffer.getInt(previous + 4);
            }
            return null;
        };
    }

    @Override
    void writeEntry(ByteBuffer buffer, int entryStart, int relativeOffset, long position) {
        buffer.putInt(entryStart, relativeOffset);
        buffer.putInt(entryStart + 4, (int) position);
    }

    @Override
    OffsetPosition readEntry(ByteBuffer buffer, int entryStart) {
        return new OffsetPosition(baseOffset() + buffer.getInt(entryStart), buffer.getInt(entryStart + 4));
    }

    @Override
    OffsetPosition fallbackEntry() {
        return fallback;
    }
}

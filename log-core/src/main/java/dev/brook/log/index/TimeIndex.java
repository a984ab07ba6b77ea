package dev.brook.log.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The sparse time index of one segment ({@code NNNNNNNNNNNNNNNNNNNN.timeindex}): records, at some batches, the
 * largest timestamp seen so far in the segment and the offset where it was reached, so that a search by
 * timestamp ({@code ListOffsets}, time-based retention) can skip the part of the segment that is certainly
 * older.
 *
 * <p>The file is a 16-byte header with magic {@link #MAGIC} ("BRKT") and entry size 12 (see
 * {@code IndexHeader}), then 12-byte entries, big-endian (file layout, entry count and thread safety in
 * {@link AbstractMappedIndex}):
 *
 * <pre>
 * offset  size  field
 *      0     8  Timestamp       largest batch max-timestamp seen in the segment up to this batch
 *      8     4  RelativeOffset  base offset of that batch minus the segment's base offset; &gt; 0
 * </pre>
 *
 * <p>Both fields strictly increase from entry to entry: an entry is only added when the timestamp grows.
 */
public final class TimeIndex extends AbstractMappedIndex<TimestampOffset> {
    /** Header magic of a time index file: "BRKT". */
    public static final int MAGIC = 0x42524B54;
    /** Bytes per entry. */
    public static final int ENTRY_SIZE = 12;

    private static final SlotKey TIMESTAMP = (buffer, at) -> buffer.getLong(at);
    private static final SlotKey RELATIVE_OFFSET = (buffer, at) -> buffer.getInt(at + 8);

    private final TimestampOffset fallback;

    private TimeIndex(Path file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, MAGIC, ENTRY_SIZE, RELATIVE_OFFSET);
        this.fallback = new TimestampOffset(TimestampOffset.NO_TIMESTAMP, baseOffset);
    }

    /**
     * Creates the file, preallocated and zero-filled, or opens an existing one for appending: checks its header
     * and length, counts its entries and re-extends it to {@code maxIndexSize}.
     *
     * @param file the {@code .timeindex} file
     * @param baseOffset base offset of the segment
     * @param maxIndexSize preallocated length in bytes, rounded down to the header plus whole entries
     * @return the open index
     * @throws CorruptIndexException if an existing, non-empty file has a bad header or length
     * @throws IOException if the file cannot be created, resized or mapped
     * @throws IllegalArgumentException if {@code baseOffset} is negative or {@code maxIndexSize} leaves no room
     *     for one entry
     */
    public static TimeIndex open(Path file, long baseOffset, int maxIndexSize) throws IOException {
        return new TimeIndex(file, baseOffset, maxIndexSize);
    }

    /**
     * Adds an entry if {@code timestamp} is above the last entry's. Writer thread only.
     *
     * <p>{@code timestamp} must be the running maximum of the segment's batch timestamps; {@code offset} may be
     * the batch where it was reached or any later batch (the lookup rule below stays correct either way). An
     * entry at the base offset itself is not stored: the fallback answer already starts there.
     *
     * @param timestamp the largest batch max-timestamp seen so far in the segment
     * @param offset base offset of a batch at or after the one where that timestamp was reached
     * @return true if an entry was added
     * @throws InvalidIndexEntryException if {@code offset} is below the base offset, or the timestamp grows
     *     while {@code offset} is not above the last entry's offset
     * @throws IndexFullException if an entry is due and the index is full
     * @throws IllegalStateException if the index is closed
     */
    public boolean maybeAppend(long timestamp, long offset) {
        if (offset < baseOffset()) {
            throw new InvalidIndexEntryException(file(), "offset " + offset + " is below the base offset "
                    + baseOffset());
        }
        boolean empty = entryCount() == 0;
        if (!empty && timestamp <= lastEntryKey(TIMESTAMP)) {
            return false;
        }
        if (empty && offset == baseOffset()) {
            return false;
        }
        appendEntry(offset, timestamp, TIMESTAMP, "timestamp");
        return true;
    }

    /**
     * Finds where to start scanning for the first record with a timestamp at or above
     * {@code targetTimestamp}. Safe from any thread.
     *
     * <p>The answer is the entry with the largest timestamp strictly below the target. Every record before that
     * entry's offset has a timestamp at most the entry's, hence below the target, so the scan misses nothing
     * even when the offset is a later batch than the one where the timestamp was first reached (taking an entry
     * equal to the target would need the exact batch).
     *
     * @param targetTimestamp the timestamp looked for
     * @return that entry, or {@code (NO_TIMESTAMP, baseOffset)} when there is none: scan from the segment start
     * @throws IllegalStateException if the index is closed
     */
    public TimestampOffset lookup(long targetTimestamp) {
        return lowerEntry(TIMESTAMP, targetTimestamp);
    }

    /**
     * Verifies the entries against the rules of the format. Writer thread only.
     *
     * @throws CorruptIndexException naming the file and the first bad entry: offsets not strictly increasing
     *     or not above the base offset, timestamps not strictly increasing, or a non-zero slot after the last
     *     entry
     * @throws IllegalStateException if the index is closed
     */
    public void sanityCheck() throws CorruptIndexException {
        checkEntries(TimeIndex::timestampProblem);
    }

    /**
     * Keeps the leading entries whose offsets are below {@code firstRemovedOffset} and removes every later one,
     * whatever garbage a crash left there. Writer thread only.
     *
     * @param firstRemovedOffset the first offset not kept
     * @throws CorruptIndexException if a kept entry breaks a rule of {@link #sanityCheck}; nothing is removed
     * @throws IllegalStateException if the index is closed
     */
    public void truncateForRecovery(long firstRemovedOffset) throws CorruptIndexException {
        truncateForRecovery(TimeIndex::timestampProblem, RELATIVE_OFFSET,
                firstRemovedOffset <= baseOffset() ? Long.MIN_VALUE : firstRemovedOffset - baseOffset());
    }

    private static String timestampProblem(ByteBuffer buffer, int at, int previous) {
        if (previous >= 0 && buffer.getLong(at) <= buffer.getLong(previous)) {
            return "timestamp " + buffer.getLong(at) + " is not above the previous entry's "
                    + buffer.getLong(previous);
        }
        return null;
    }

    @Override
    void writeEntry(ByteBuffer buffer, int entryStart, int relativeOffset, long timestamp) {
        buffer.putLong(entryStart, timestamp);
        buffer.putInt(entryStart + 8, relativeOffset);
    }

    @Override
    TimestampOffset readEntry(ByteBuffer buffer, int entryStart) {
        return new TimestampOffset(buffer.getLong(entryStart), baseOffset() + buffer.getInt(entryStart + 8));
    }

    @Override
    TimestampOffset fallbackEntry() {
        return fallback;
    }
}

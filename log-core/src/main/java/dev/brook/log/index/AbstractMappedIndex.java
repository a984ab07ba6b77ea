package dev.brook.log.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;

/**
 * What {@link OffsetIndex} and {@link TimeIndex} share: a preallocated, memory-mapped file of fixed-size
 * entries, appended in place, searched by binary search, truncated, trimmed and re-extended.
 *
 * <h2>File layout</h2>
 *
 * <pre>
 * offset               size                         content
 *      0               16                           header: magic, version, entry size, base offset
 *                                                   (byte by byte in IndexHeader)
 *     16               n * entrySize                the n valid entries, oldest first (layout in the subclass)
 *     16 + n*entrySize (capacity - n) * entrySize   zero bytes
 * </pre>
 *
 * <p>{@code capacity = (file length - 16) / entrySize}. Every entry holds a relative offset (an int32,
 * {@code offset - baseOffset}); valid entries have relative offsets that are positive and strictly increasing.
 *
 * <p>The count {@code n} is not stored anywhere: it is the number of leading entries whose relative offset is
 * above zero. A stored count would cost a second write per append and could disagree with the entries after a
 * crash. Zero can never be a real relative offset, because the segment's first batch (relative offset 0,
 * position 0) is never indexed: lookups that find no entry fall back to it. So the zero-filled tail of the
 * preallocated file ends the list by itself, and truncation zeroes the entries it removes.
 *
 * <p>The file carries no checksum. Writes reach the page cache through the mapping and the disk on
 * {@link #flush()} or when the kernel writes them back; after a crash the caller checks the file with the
 * subclass's {@code sanityCheck} and rebuilds it from the {@code .log} file if needed.
 *
 * <h2>Lifecycle</h2>
 *
 * <p>{@code open} creates the file preallocated to {@code maxIndexSize} bytes, rounded down to the header plus
 * whole entries (new bytes are zero), or reopens it: it verifies the header, counts the entries and re-extends
 * the file to that size. {@link #trimToValidSize()} cuts the file to its entries when the segment rolls;
 * {@link #resize(int)} and {@link #reset()} grow it again. {@link #close()} unmaps the file at once rather than
 * waiting for the GC.
 *
 * <h2>Thread safety</h2>
 *
 * <p>One writer and any number of readers. Appends, truncations, {@link #reset()}, {@link #resize(int)},
 * {@link #trimToValidSize()}, {@code sanityCheck}, {@link #close()} and {@link #deleteIfExists()} must be called
 * by one thread at a time (the log calls them under its lock). Lookups, {@link #entry(int)},
 * {@link #lastEntry()}, {@link #entryCount()}, {@link #isFull()}, {@link #maxEntries()} and {@link #flush()} may
 * be called from any thread, concurrently with each other and with the writer:
 *
 * <ul>
 *   <li>an append writes the entry's bytes first and then publishes it by a volatile write of the count, and a
 *       reader reads the count before the entries, so it only ever sees whole entries; appends take no lock;
 *   <li>every read is an absolute get on the mapped buffer, so readers share no buffer position;
 *   <li>whatever removes entries or replaces the mapping (truncation, reset, resize, trim, close) holds the write
 *       side of a {@link StampedLock} whose read side every reader holds, so a reader never sees entries vanish
 *       mid-search and never touches an unmapped buffer (which would crash the JVM). After {@link #close()},
 *       readers get an {@link IllegalStateException}.
 * </ul>
 *
 * @param <E> the entry type returned by lookups
 */
public abstract sealed class AbstractMappedIndex<E> implements Closeable permits OffsetIndex, TimeIndex {
    /** Source of zero bytes for clearing removed entries. */
    private static final byte[] ZEROS = new byte[4096];

    private final Path file;
    private final long baseOffset;
    private final int entrySize;
    private final SlotKey relativeOffset;
    private final StampedLock mappingLock = new StampedLock();
    /** Size {@link #reset()} and reopening grow the file to; changed only by {@link #resize(int)}. */
    private int maxIndexSize;
    /** The whole file; replaced or nulled only under the write lock. Null once closed. */
    private volatile MappedByteBuffer buffer;
    /** Number of valid entries; written after the entry bytes so that readers see whole entries. */
    private volatile int entries;

    /**
     * Creates or opens the file.
     *
     * @param file the index file
     * @param baseOffset base offset of the segment
     * @param maxIndexSize preallocated file length before rounding
     * @param magic the subclass's header magic
     * @param entrySize bytes per entry
     * @param relativeOffset where the relative offset sits in an entry
     * @throws IOException as {@link IndexLoader#load}
     */
    AbstractMappedIndex(Path file, long baseOffset, int maxIndexSize, int magic, int entrySize,
            SlotKey relativeOffset) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        if (baseOffset < 0) {
            throw new IllegalArgumentException("base offset " + baseOffset + " is negative");
        }
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        this.relativeOffset = relativeOffset;
        this.maxIndexSize = roundToWholeEntries(maxIndexSize, entrySize);
        IndexLoader.Loaded loaded = IndexLoader.load(file, IndexHeader.current(magic, entrySize, baseOffset),
                this.maxIndexSize, relativeOffset);
        this.buffer = loaded.buffer();
        this.entries = loaded.entries();
    }

    /**
     * Rounds a size down to the header plus a whole number of entries.
     *
     * @throws IllegalArgumentException if that leaves no room for one entry
     */
    private static int roundToWholeEntries(int size, int entrySize) {
        if (size < IndexHeader.SIZE + entrySize) {
            throw new IllegalArgumentException("index size " + size + " leaves no room for one " + entrySize
                    + "-byte entry after the " + IndexHeader.SIZE + "-byte header");
        }
        return EntrySearch.slotStart((size - IndexHeader.SIZE) / entrySize, entrySize);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Subclass hooks

    /**
     * Decodes the entry starting at byte {@code entryStart}.
     *
     * @param buffer the mapped file
     * @param entryStart byte index of the entry
     * @return the entry with absolute offsets
     */
    abstract E readEntry(ByteBuffer buffer, int entryStart);

    /**
     * The answer when no entry qualifies: the start of the segment.
     *
     * @return the fallback entry
     */
    abstract E fallbackEntry();

    /**
     * Writes an already checked entry into a free slot.
     *
     * @param buffer the mapped file
     * @param entryStart byte index of the slot
     * @param relativeOffset the entry's offset minus the base offset
     * @param key the entry's other field (position or timestamp)
     */
    abstract void writeEntry(ByteBuffer buffer, int entryStart, int relativeOffset, long key);

    /** Checks one entry against the rules only its subclass knows; see {@link #checkEntries}. */
    @FunctionalInterface
    interface EntryCheck {
        /**
         * Checks an entry.
         *
         * @param buffer the mapped file
         * @param entryStart byte index of the entry
         * @param previousStart byte index of the entry before it, or -1 for the first entry
         * @return what is wrong with the entry, or null when it is fine
         */
        String problem(ByteBuffer buffer, int entryStart, int previousStart);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Accessors

    /**
     * Returns the index file.
     *
     * @return the path given to {@code open}
     */
    public final Path file() {
        return file;
    }

    /**
     * Returns the base offset of the segment; entries store offsets relative to it.
     *
     * @return the base offset
     */
    public final long baseOffset() {
        return baseOffset;
    }

    /**
     * Returns the number of valid entries. Safe from any thread.
     *
     * @return the entry count
     */
    public final int entryCount() {
        return entries;
    }

    /**
     * Returns how many entries the file has room for at its current length. Safe from any thread.
     *
     * @return the capacity, equal to {@link #entryCount()} after {@link #trimToValidSize()}
     * @throws IllegalStateException if the index is closed
     */
    public final int maxEntries() {
        return slotsIn(mapped());
    }

    /**
     * Tells whether the next append would fail for lack of room, so the segment must roll first. Safe from any
     * thread.
     *
     * @return true when every slot is used
     * @throws IllegalStateException if the index is closed
     */
    public final boolean isFull() {
        return entries >= maxEntries();
    }

    /**
     * Returns one entry. Safe from any thread.
     *
     * @param n entry number, from 0 (oldest)
     * @return the entry with absolute offsets
     * @throws IndexOutOfBoundsException if {@code n} is not below {@link #entryCount()}
     * @throws IllegalStateException if the index is closed
     */
    public final E entry(int n) {
        long stamp = mappingLock.readLock();
        try {
            ByteBuffer mapped = mapped();
            Objects.checkIndex(n, entries);
            return readEntry(mapped, EntrySearch.slotStart(n, entrySize));
        } finally {
            mappingLock.unlockRead(stamp);
        }
    }

    /**
     * Returns the newest entry. Safe from any thread.
     *
     * @return the last entry, or the fallback entry (the start of the segment) when there is none
     * @throws IllegalStateException if the index is closed
     */
    public final E lastEntry() {
        long stamp = mappingLock.readLock();
        try {
            ByteBuffer mapped = mapped();
            int count = entries;
            return count == 0 ? fallbackEntry() : readEntry(mapped, EntrySearch.slotStart(count - 1, entrySize));
        } finally {
            mappingLock.unlockRead(stamp);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Lookups, for the subclasses

    /**
     * Finds the newest entry whose key is at or below {@code target}.
     *
     * @param key the field searched; increasing over the entries
     * @param target the key looked for
     * @return that entry, or the fallback entry
     * @throws IllegalStateException if the index is closed
     */
    final E floorEntry(SlotKey key, long target) {
        return search(key, target, false);
    }

    /**
     * Finds the newest entry whose key is strictly below {@code target}.
     *
     * @param key the field searched; increasing over the entries
     * @param target the key looked for
     * @return that entry, or the fallback entry
     * @throws IllegalStateException if the index is closed
     */
    final E lowerEntry(SlotKey key, long target) {
        return search(key, target, true);
    }

    private E search(SlotKey key, long target, boolean strictlyBelow) {
        long stamp = mappingLock.readLock();
        try {
            ByteBuffer mapped = mapped();
            int count = entries;
            int slot = strictlyBelow
                    ? EntrySearch.lowerSlot(mapped, entrySize, count, key, target)
                    : EntrySearch.floorSlot(mapped, entrySize, count, key, target);
            return slot < 0 ? fallbackEntry() : readEntry(mapped, EntrySearch.slotStart(slot, entrySize));
        } finally {
            mappingLock.unlockRead(stamp);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Appends, for the subclasses (writer thread only)

    /**
     * Appends an entry after checking it against the last one: its offset must be above the base offset, at
     * most 2^31-1 above it and above the last entry's offset, and its other sorted field (position or
     * timestamp) above the last entry's. The buffer and the count are read once, because this runs for every
     * index entry the log writes.
     *
     * @param offset absolute offset of the new entry
     * @param key the entry's other sorted field
     * @param keyField where that field sits in an entry
     * @param keyName the field's name, for messages
     * @throws InvalidIndexEntryException if a rule is broken; nothing is written
     * @throws IndexFullException if there is no free slot
     * @throws IllegalStateException if the index is closed
     */
    final void appendEntry(long offset, long key, SlotKey keyField, String keyName) {
        MappedByteBuffer mapped = mapped();
        int count = entries;
        if (offset <= baseOffset) {
            throw new InvalidIndexEntryException(file, "offset " + offset + " is not above the base offset "
                    + baseOffset);
        }
        if (offset - baseOffset > Integer.MAX_VALUE) {
            throw new InvalidIndexEntryException(file, "offset " + offset + " is more than 2^31-1 above the base "
                    + "offset " + baseOffset);
        }
        int relative = (int) (offset - baseOffset);
        if (count > 0) {
            int lastStart = EntrySearch.slotStart(count - 1, entrySize);
            long lastRelative = relativeOffset.at(mapped, lastStart);
            if (relative <= lastRelative) {
                throw new InvalidIndexEntryException(file, "offset " + offset + " is not above the last entry's "
                        + (baseOffset + lastRelative));
            }
            long lastKey = keyField.at(mapped, lastStart);
            if (key <= lastKey) {
                throw new InvalidIndexEntryException(file, keyName + " " + key + " is not above the last entry's "
                        + lastKey);
            }
        }
        int slots = slotsIn(mapped);
        if (count >= slots) {
            throw new IndexFullException(file, slots);
        }
        writeEntry(mapped, EntrySearch.slotStart(count, entrySize), relative, key);
        // Single writer: no lost update. The volatile write orders the entry's bytes before the new count.
        entries = count + 1;
    }

    /**
     * Reads a field of the newest entry; there must be one. Writer thread only.
     *
     * @param key the field
     * @return its value
     * @throws IllegalStateException if the index is closed
     */
    final long lastEntryKey(SlotKey key) {
        return key.at(mapped(), EntrySearch.slotStart(entries - 1, entrySize));
    }

    // ----------------------------------------------------------------------------------------------------------
    // Removal and resizing (writer thread only)

    /**
     * Removes every entry whose offset is at or above {@code offset}; the removed slots are zeroed so that they
     * do not come back when the file is reopened.
     *
     * @param offset first offset to remove
     * @throws IllegalStateException if the index is closed
     */
    public final void truncateTo(long offset) {
        // Offsets at or below the base remove everything (every relative offset is >= 1 > 0).
        truncateFrom(relativeOffset, offset <= baseOffset ? 0 : offset - baseOffset);
    }

    /**
     * Removes every entry whose key is at or above {@code firstRemoved}, under the write lock.
     *
     * @param key a field increasing over the entries
     * @param firstRemoved the smallest key removed
     */
    final void truncateFrom(SlotKey key, long firstRemoved) {
        long stamp = mappingLock.writeLock();
        try {
            ByteBuffer mapped = mapped();
            int count = entries;
            int keep = EntrySearch.lowerSlot(mapped, entrySize, count, key, firstRemoved) + 1;
            if (keep < count) {
                entries = keep;
                zero(mapped, EntrySearch.slotStart(keep, entrySize), EntrySearch.slotStart(count, entrySize));
            }
        } finally {
            mappingLock.unlockWrite(stamp);
        }
    }

    private static void zero(ByteBuffer buffer, int from, int to) {
        for (int at = from; at < to; at += ZEROS.length) {
            buffer.put(at, ZEROS, 0, Math.min(ZEROS.length, to - at));
        }
    }

    /**
     * Removes every entry and grows the file back to its preallocated size (it may have been trimmed), ready for
     * the entries of a rebuild.
     *
     * @throws IOException if the file cannot be resized; the index is then closed
     * @throws IllegalStateException if the index is closed
     */
    public final void reset() throws IOException {
        long stamp = mappingLock.writeLock();
        try {
            // Not truncateFrom: its binary search assumes sorted entries, and a reset often follows garbage.
            clearFrom(mapped(), 0);
        } finally {
            mappingLock.unlockWrite(stamp);
        }
        remap(maxIndexSize);
    }

    /**
     * Keeps the leading entries that recovery may trust and removes the rest: walking from the first entry, it
     * stops at the first one whose {@code limitKey} is at or above {@code limit} (it describes data past the
     * point recovery validates from) and removes it and everything after. Writer thread only.
     *
     * <p>Unlike {@link #truncateTo}, this does not binary search: after a crash the entries past the limit may be
     * garbage in any order. Slots after the removed entries that are not zero (a half-written entry) are zeroed
     * too, so they do not come back as entries when the file is reopened.
     *
     * @param check the subclass's per-entry rules
     * @param limitKey the field compared with {@code limit}
     * @param limit the first key that is not kept
     * @throws CorruptIndexException if an entry below the limit breaks a rule (nothing is removed then; the
     *     caller rebuilds the whole index)
     * @throws IllegalStateException if the index is closed
     */
    final void truncateForRecovery(EntryCheck check, SlotKey limitKey, long limit) throws CorruptIndexException {
        long stamp = mappingLock.writeLock();
        try {
            ByteBuffer mapped = mapped();
            int count = entries;
            int keep = 0;
            int previousStart = -1;
            for (; keep < count; keep++) {
                int start = EntrySearch.slotStart(keep, entrySize);
                if (limitKey.at(mapped, start) >= limit) {
                    break;
                }
                String problem = relativeOffsetProblem(mapped, start, previousStart);
                if (problem == null) {
                    problem = check.problem(mapped, start, previousStart);
                }
                if (problem != null) {
                    throw new CorruptIndexException(file, "entry " + keep + ": " + problem);
                }
                previousStart = start;
            }
            clearFrom(mapped, keep);
        } finally {
            mappingLock.unlockWrite(stamp);
        }
    }

    /** Removes the entries from slot {@code keep} on and zeroes any non-zero slots right after them. */
    private void clearFrom(ByteBuffer mapped, int keep) {
        int count = entries;
        int end = Math.max(keep, count);
        int capacity = slotsIn(mapped);
        while (end < capacity && !isZero(mapped, EntrySearch.slotStart(end, entrySize),
                EntrySearch.slotStart(end + 1, entrySize))) {
            end++;
        }
        entries = Math.min(keep, count);
        zero(mapped, EntrySearch.slotStart(keep, entrySize), EntrySearch.slotStart(end, entrySize));
    }

    /**
     * Changes the preallocated size and resizes the file to it, but never below the valid entries.
     *
     * @param newMaxIndexSize the new size before rounding down to the header plus whole entries
     * @throws IOException if the file cannot be resized; the index is then closed
     * @throws IllegalArgumentException if the size leaves no room for one entry
     * @throws IllegalStateException if the index is closed
     */
    public final void resize(int newMaxIndexSize) throws IOException {
        int rounded = roundToWholeEntries(newMaxIndexSize, entrySize);
        maxIndexSize = rounded;
        remap(Math.max(rounded, EntrySearch.slotStart(entries, entrySize)));
    }

    /**
     * Cuts the file to the header plus the valid entries, for a segment that stops taking appends. The index is
     * then full; {@link #resize(int)}, {@link #reset()} or reopening grow it again.
     *
     * @throws IOException if the file cannot be resized; the index is then closed
     * @throws IllegalStateException if the index is closed
     */
    public final void trimToValidSize() throws IOException {
        remap(EntrySearch.slotStart(entries, entrySize));
    }

    /** Sets the file length and maps it again, under the write lock. */
    private void remap(int length) throws IOException {
        long stamp = mappingLock.writeLock();
        try {
            MappedByteBuffer old = mapped();
            if (old.capacity() == length) {
                return;
            }
            // Unmap first (Windows cannot resize a mapped file); if mapping again fails the index stays closed.
            buffer = null;
            MappedFiles.unmap(old);
            buffer = MappedFiles.map(file, length);
        } finally {
            mappingLock.unlockWrite(stamp);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Lifecycle

    /**
     * Forces the entries to the storage device. Safe from any thread.
     *
     * @throws IllegalStateException if the index is closed
     * @throws java.io.UncheckedIOException as {@link MappedByteBuffer#force()} on an I/O error
     */
    public final void flush() {
        long stamp = mappingLock.readLock();
        try {
            mapped().force();
        } finally {
            mappingLock.unlockRead(stamp);
        }
    }

    /**
     * Unmaps the file without trimming or flushing it; the entries stay in the page cache for the kernel to
     * write back. Lookups after this throw {@link IllegalStateException}; lookups still running finish first.
     * Closing twice does nothing.
     */
    @Override
    public final void close() {
        long stamp = mappingLock.writeLock();
        try {
            MappedByteBuffer mapped = buffer;
            if (mapped != null) {
                buffer = null;
                MappedFiles.unmap(mapped);
            }
        } finally {
            mappingLock.unlockWrite(stamp);
        }
    }

    /**
     * Closes the index and deletes its file.
     *
     * @return true if the file existed
     * @throws IOException if the file cannot be deleted
     */
    public final boolean deleteIfExists() throws IOException {
        close();
        return Files.deleteIfExists(file);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Checks

    /**
     * Verifies the entries (writer thread only, since it reads the slot after the last entry): relative offsets
     * positive and strictly increasing, the subclass's rules, and a zero slot after the last entry.
     *
     * @param check the subclass's per-entry rules
     * @throws CorruptIndexException naming the file and the first bad entry
     * @throws IllegalStateException if the index is closed
     */
    final void checkEntries(EntryCheck check) throws CorruptIndexException {
        long stamp = mappingLock.readLock();
        try {
            ByteBuffer mapped = mapped();
            int count = entries;
            int previousStart = -1;
            for (int slot = 0; slot < count; slot++) {
                int start = EntrySearch.slotStart(slot, entrySize);
                String problem = relativeOffsetProblem(mapped, start, previousStart);
                if (problem == null) {
                    problem = check.problem(mapped, start, previousStart);
                }
                if (problem != null) {
                    throw new CorruptIndexException(file, "entry " + slot + ": " + problem);
                }
                previousStart = start;
            }
            int end = EntrySearch.slotStart(count, entrySize);
            if (end < mapped.capacity() && !isZero(mapped, end, end + entrySize)) {
                throw new CorruptIndexException(file, "entry " + count + " after the last valid entry is not zero");
            }
        } finally {
            mappingLock.unlockRead(stamp);
        }
    }

    private String relativeOffsetProblem(ByteBuffer mapped, int start, int previousStart) {
        long relative = relativeOffset.at(mapped, start);
        if (relative <= 0) {
            return "relative offset " + relative + " is not positive";
        }
        if (previousStart >= 0 && relative <= relativeOffset.at(mapped, previousStart)) {
            return "offset " + (baseOffset + relative) + " is not above the previous entry's "
                    + (baseOffset + relativeOffset.at(mapped, previousStart));
        }
        return null;
    }

    private static boolean isZero(ByteBuffer buffer, int from, int to) {
        for (int at = from; at < to; at++) {
            if (buffer.get(at) != 0) {
                return false;
            }
        }
        return true;
    }

    private int slotsIn(ByteBuffer mapped) {
        return (mapped.capacity() - IndexHeader.SIZE) / entrySize;
    }

    /** The current mapping; callers hold a lock side or are the writer. */
    private MappedByteBuffer mapped() {
        MappedByteBuffer mapped = buffer;
        if (mapped == null) {
            throw new IllegalStateException("index " + file + " is closed");
        }
        return mapped;
    }

    /**
     * Describes the index for logs.
     *
     * @return class, file, base offset and fill level
     */
    @Override
    public String toString() {
        MappedByteBuffer mapped = buffer;
        String capacity = mapped == null ? "closed" : String.valueOf(slotsIn(mapped));
        return getClass().getSimpleName() + "(" + file + ", baseOffset=" + baseOffset + ", entries=" + entries
                + "/" + capacity + ")";
    }
}

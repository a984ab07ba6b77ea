package dev.brook.log.index;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens an index file for writing: creates it preallocated, or checks an existing one's header and length,
 * counts its entries and re-extends it to the preallocated size (a file trimmed when its segment rolled must
 * take appends again once reopened for writing).
 */
final class IndexLoader {
    private IndexLoader() {
    }

    /**
     * A mapped index file and its number of valid entries.
     *
     * @param buffer the mapping of the whole file
     * @param entries number of valid entries
     */
    record Loaded(MappedByteBuffer buffer, int entries) {
    }

    /**
     * Creates or opens the file.
     *
     * @param file the index file
     * @param expected the header the file must carry (it is written into a new or empty file)
     * @param preallocatedSize length of a new file; an existing file is re-extended to it, or kept longer when
     *     its entries need more room
     * @param relativeOffset the relative offset field of an entry
     * @return the mapping, at least {@code preallocatedSize} bytes long
     * @throws CorruptIndexException if an existing, non-empty file has a bad header or length
     * @throws IOException if the file cannot be read, resized or mapped
     */
    static Loaded load(Path file, IndexHeader expected, int preallocatedSize, SlotKey relativeOffset)
            throws IOException {
        long length = sizeOrZero(file);
        if (length == 0) {
            // A missing file, or an empty one left by a crash between create and setLength: both are new.
            MappedByteBuffer buffer = MappedFiles.map(file, preallocatedSize);
            expected.writeTo(buffer);
            return new Loaded(buffer, 0);
        }
        int entrySize = expected.entrySize();
        checkMappable(file, length);
        MappedByteBuffer existing = MappedFiles.map(file, (int) length);
        int entries;
        try {
            // The header first: "this is a time index" explains a wrong length better than the length does.
            expected.verify(IndexHeader.readFrom(existing), file);
            checkWholeEntries(file, length, entrySize);
            int capacity = (int) ((length - IndexHeader.SIZE) / entrySize);
            entries = EntrySearch.countEntries(existing, entrySize, capacity, relativeOffset);
        } catch (IOException | RuntimeException e) {
            MappedFiles.unmap(existing);
            throw e;
        }
        int wanted = Math.max(preallocatedSize, EntrySearch.slotStart(entries, entrySize));
        if (wanted == length) {
            return new Loaded(existing, entries);
        }
        // Unmap before changing the length: Windows refuses to resize a mapped file.
        MappedFiles.unmap(existing);
        return new Loaded(MappedFiles.map(file, wanted), entries);
    }

    private static long sizeOrZero(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static void checkMappable(Path file, long length) throws CorruptIndexException {
        if (length < IndexHeader.SIZE) {
            throw new CorruptIndexException(file, "length " + length + " is shorter than the "
                    + IndexHeader.SIZE + "-byte header");
        }
        if (length > Integer.MAX_VALUE) {
            throw new CorruptIndexException(file, "length " + length + " is over 2 GiB");
        }
    }

    private static void checkWholeEntries(Path file, long length, int entrySize) throws CorruptIndexException {
        if ((length - IndexHeader.SIZE) % entrySize != 0) {
            throw new CorruptIndexException(file, "length " + length + " is not the header plus whole "
                    + entrySize + "-byte entries");
        }
    }
}

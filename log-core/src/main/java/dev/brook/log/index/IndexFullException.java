package dev.brook.log.index;

import java.nio.file.Path;

/**
 * An append found every preallocated slot used (or the file trimmed by
 * {@link AbstractMappedIndex#trimToValidSize()}). Callers check {@link AbstractMappedIndex#isFull()} and roll
 * the segment first, so seeing this exception means a bug in the caller. Nothing was written.
 */
public final class IndexFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param file the full index file
     * @param maxEntries how many entries it holds
     */
    public IndexFullException(Path file, int maxEntries) {
        super("index " + file + " is full (" + maxEntries + " entries)");
    }
}

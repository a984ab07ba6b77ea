package dev.brook.log.index;

import java.nio.file.Path;

/**
 * An append was refused because the new entry would break the index's ordering rules: its offset is not above
 * the segment's base offset or the last entry's offset, is more than {@link Integer#MAX_VALUE} above the base
 * offset, or its file position is negative or not above the last entry's. Nothing was written.
 *
 * <p>Unchecked because it always means a bug in the caller (the log assigns offsets and positions in order).
 */
public final class InvalidIndexEntryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param file the index file the append was meant for
     * @param problem what is wrong with the entry
     */
    public InvalidIndexEntryException(Path file, String problem) {
        super("refused index entry for " + file + ": " + problem);
    }
}

package dev.brook.log;

/**
 * The steps of a cleaner segment swap ({@link Log#replaceSegments}), in order. After each one the swap calls its
 * {@link SwapListener}, so crash tests can stop the process image there. A crash before {@link #COMMITTED} leaves
 * the old segments; a crash at or after it leaves the new one (the next open completes the swap); never a mix.
 */
public enum SwapStep {
    /** The {@code .cleaned} files (log and both indexes) are complete, forced to disk and closed. */
    CLEANED_WRITTEN,
    /** {@code <base>.swap.checkpoint} records the replaced offset range. */
    PLAN_WRITTEN,
    /** {@code .index.cleaned} and {@code .timeindex.cleaned} are renamed to {@code .swap}. */
    INDEXES_RENAMED,
    /** {@code .log.cleaned} is renamed to {@code .log.swap} and the directory fsynced: the commit point. */
    COMMITTED,
    /** The replaced segments' files are renamed to {@code *.deleted} (kept open for current readers). */
    OLD_SEGMENTS_DELETED,
    /** The {@code .swap} files carry their final names and the log serves the new segment. */
    SWAP_FILES_RENAMED,
    /** The plan file is deleted: nothing is left to recover. */
    COMPLETED
}

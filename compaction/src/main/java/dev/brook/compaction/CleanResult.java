package dev.brook.compaction;

/**
 * What one cleaning of one log did.
 *
 * @param cleaned whether segments were rewritten and swapped in (false: nothing was due, or the log changed under
 *     the cleaner and the pass was dropped, to be retried)
 * @param firstDirtyOffset the cleaner checkpoint before the pass
 * @param cleanedUpTo the cleaner checkpoint after it: the map covered every offset below this one
 * @param segmentsRead sealed segments read and rewritten
 * @param segmentsWritten cleaned segments swapped in (fewer when small segments were merged)
 * @param bytesRead bytes of the rewritten segments before cleaning
 * @param bytesWritten their bytes after cleaning
 * @param recordsRemoved superseded records and expired tombstones removed
 */
public record CleanResult(boolean cleaned, long firstDirtyOffset, long cleanedUpTo, int segmentsRead,
        int segmentsWritten, long bytesRead, long bytesWritten, long recordsRemoved) {

    static CleanResult nothing(long checkpoint) {
        return new CleanResult(false, checkpoint, checkpoint, 0, 0, 0, 0, 0);
    }
}

package dev.brook.log.checkpoint;

/**
 * What a log recorded when it was closed cleanly.
 *
 * @param logEndOffset the log end offset at close (the offset the next append would get), at least 0
 * @param writtenAtMillis when the marker was written, in milliseconds since the Unix epoch, at least 0; for
 *     operators and logs, never used to decide anything
 */
public record CleanShutdown(long logEndOffset, long writtenAtMillis) {
    /**
     * Validates the record.
     *
     * @param logEndOffset the log end offset at close, at least 0
     * @param writtenAtMillis when the marker was written, in milliseconds since the Unix epoch, at least 0
     * @throws IllegalArgumentException if a field is negative
     */
    public CleanShutdown {
        if (logEndOffset < 0 || writtenAtMillis < 0) {
            throw new IllegalArgumentException("clean shutdown fields must not be negative: logEndOffset="
                    + logEndOffset + ", writtenAtMillis=" + writtenAtMillis);
        }
    }
}

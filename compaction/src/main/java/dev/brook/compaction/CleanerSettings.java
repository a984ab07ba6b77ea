package dev.brook.compaction;

/**
 * Broker-wide settings of the {@link LogCleaner}; names follow Kafka's broker configs.
 *
 * @param threads {@code log.cleaner.threads}: cleaning threads (1)
 * @param dedupeBufferBytes {@code log.cleaner.dedupe.buffer.size}: off-heap memory for the key to offset maps,
 *     split evenly between the threads (128 MiB)
 * @param loadFactor {@code log.cleaner.io.buffer.load.factor}: how full a map may get (0.9)
 * @param idleMs {@code log.cleaner.backoff.ms}: how long a thread sleeps when no log needs cleaning (15 s)
 * @param initialRetryBackoffMs the wait before retrying a log whose cleaning failed; doubled on every further
 *     consecutive failure (1 s)
 * @param maxRetryBackoffMs the cap of that wait (5 min)
 */
public record CleanerSettings(int threads, long dedupeBufferBytes, double loadFactor, long idleMs,
        long initialRetryBackoffMs, long maxRetryBackoffMs) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a value is out of range or a thread's share of the buffer cannot hold
     *     a single entry
     */
    public CleanerSettings {
        if (threads < 1 || !(loadFactor > 0 && loadFactor <= 1) || idleMs < 1 || initialRetryBackoffMs < 1
                || maxRetryBackoffMs < initialRetryBackoffMs) {
            throw new IllegalArgumentException("invalid cleaner settings: threads=" + threads + ", loadFactor="
                    + loadFactor + ", idleMs=" + idleMs + ", backoff " + initialRetryBackoffMs + ".."
                    + maxRetryBackoffMs);
        }
        if (dedupeBufferBytes / threads < OffsetMap.ENTRY_BYTES * 2L) {
            throw new IllegalArgumentException("log.cleaner.dedupe.buffer.size " + dedupeBufferBytes
                    + " is too small for " + threads + " thread(s)");
        }
    }

    /** Kafka's defaults. */
    public static CleanerSettings defaults() {
        return new CleanerSettings(1, 128L * 1024 * 1024, 0.9, 15_000, 1_000, 300_000);
    }

    public CleanerSettings withThreads(int value) {
        return new CleanerSettings(value, dedupeBufferBytes, loadFactor, idleMs, initialRetryBackoffMs,
                maxRetryBackoffMs);
    }

    public CleanerSettings withDedupeBufferBytes(long value) {
        return new CleanerSettings(threads, value, loadFactor, idleMs, initialRetryBackoffMs, maxRetryBackoffMs);
    }

    public CleanerSettings withIdleMs(long value) {
        return new CleanerSettings(threads, dedupeBufferBytes, loadFactor, value, initialRetryBackoffMs,
                maxRetryBackoffMs);
    }

    public CleanerSettings withRetryBackoff(long initialMs, long maxMs) {
        return new CleanerSettings(threads, dedupeBufferBytes, loadFactor, idleMs, initialMs, maxMs);
    }

    /** Bytes of map memory each thread gets, capped at what one direct buffer can hold. */
    int bytesPerThread() {
        return (int) Math.min(dedupeBufferBytes / threads, Integer.MAX_VALUE - 64);
    }
}

package dev.brook.compaction;

/**
 * The cleaner's view of one registered log, as {@link LogCleaner#health()} reports it.
 *
 * @param cleanings successful cleanings since registration
 * @param consecutiveFailures failed attempts since the last success (0 = healthy)
 * @param lastError the last failure's exception text with its cause, or null if none since registration
 * @param lastErrorAtMs when it happened, or -1
 * @param nextRetryAtMs after a failure, the earliest time the log is tried again; -1 when healthy
 * @param lastCleanedAtMs when the last successful cleaning finished, or -1
 * @param dirtyRatio the dirty ratio measured at the last look, for dashboards
 */
public record PartitionCleanerHealth(long cleanings, int consecutiveFailures, String lastError, long lastErrorAtMs,
        long nextRetryAtMs, long lastCleanedAtMs, double dirtyRatio) {

    /** Whether the last attempt succeeded (or none failed yet). */
    public boolean healthy() {
        return consecutiveFailures == 0;
    }
}

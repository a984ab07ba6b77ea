package dev.brook.log;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * Chooses the sealed segments that {@code retention.ms} and {@code retention.bytes} allow deleting: always a
 * prefix of the log (oldest first), never the active segment.
 */
final class RetentionPolicy {
    private RetentionPolicy() {
    }

    /**
     * @param totalBytes the log's current size
     * @return the segments to delete, oldest first
     */
    static List<LogSegment> select(NavigableMap<Long, LogSegment> segments, LogSegment active, LogConfig config,
            long nowMs, long totalBytes) throws IOException {
        List<LogSegment> doomed = new ArrayList<>();
        long excess = config.retentionBytes() < 0 ? Long.MIN_VALUE : totalBytes - config.retentionBytes();
        for (LogSegment segment : segments.values()) {
            if (segment == active) {
                break;
            }
            boolean expired = config.retentionMs() >= 0 && nowMs - newestTimestamp(segment) > config.retentionMs();
            boolean overSize = excess != Long.MIN_VALUE && excess - segment.size() >= 0;
            if (!expired && !overSize) {
                break;
            }
            doomed.add(segment);
            if (excess != Long.MIN_VALUE) {
                excess -= segment.size();
            }
        }
        return doomed;
    }

    /** The segment's largest record timestamp, or its file's modification time when it has none (as Kafka). */
    private static long newestTimestamp(LogSegment segment) throws IOException {
        long max = segment.maxTimestamp();
        return max >= 0 ? max : Files.getLastModifiedTime(segment.logFile()).toMillis();
    }
}

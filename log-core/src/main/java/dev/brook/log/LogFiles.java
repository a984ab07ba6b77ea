package dev.brook.log;

import dev.brook.log.checkpoint.CleanShutdown;
import dev.brook.log.checkpoint.CleanShutdownMarker;
import dev.brook.log.checkpoint.CorruptCheckpointException;
import dev.brook.log.checkpoint.OffsetCheckpoint;
import dev.brook.log.checkpoint.RecoveryPoint;
import dev.brook.log.checkpoint.RecoveryPointCheckpoint;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small state files of one log directory besides its segments: the log start offset, the recovery point,
 * the cleaner checkpoint and the clean-shutdown marker (formats in {@link dev.brook.log.checkpoint}). A corrupt checkpoint is reported
 * and treated as absent, which only makes recovery do more work, never less.
 */
final class LogFiles {
    private static final Logger LOG = LoggerFactory.getLogger(LogFiles.class);

    private final Path dir;
    private final OffsetCheckpoint logStartOffset;
    private final RecoveryPointCheckpoint recoveryPoint;
    private final CleanShutdownMarker cleanShutdown;
    private final OffsetCheckpoint cleanerOffset;

    LogFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.dir = dir;
        this.logStartOffset = OffsetCheckpoint.logStartOffset(dir);
        this.recoveryPoint = new RecoveryPointCheckpoint(dir);
        this.cleanShutdown = new CleanShutdownMarker(dir);
        this.cleanerOffset = new OffsetCheckpoint(dir.resolve(OffsetCheckpoint.CLEANER_OFFSET_FILE_NAME),
                OffsetCheckpoint.CLEANER_OFFSET_KIND);
    }

    /**
     * The cleaner checkpoint: the first offset the log cleaner has not cleaned yet (0 when it never ran). A corrupt
     * file reads as 0: the whole log is then dirty, which costs one full cleaning but loses nothing.
     */
    long readCleanerOffset() throws IOException {
        try {
            return cleanerOffset.read().orElse(0);
        } catch (CorruptCheckpointException e) {
            LOG.warn("ignoring corrupt cleaner checkpoint, treating the whole log as dirty: {}", e.getMessage());
            return 0;
        }
    }

    void writeCleanerOffset(long offset) throws IOException {
        cleanerOffset.write(offset);
    }

    OptionalLong readLogStartOffset() throws IOException {
        try {
            return logStartOffset.read();
        } catch (CorruptCheckpointException e) {
            LOG.warn("ignoring corrupt log start offset checkpoint: {}", e.getMessage());
            return OptionalLong.empty();
        }
    }

    void writeLogStartOffset(long offset) throws IOException {
        logStartOffset.write(offset);
    }

    Optional<RecoveryPoint> readRecoveryPoint() throws IOException {
        try {
            return recoveryPoint.read();
        } catch (CorruptCheckpointException e) {
            LOG.warn("ignoring corrupt recovery point checkpoint, recovering the whole log: {}", e.getMessage());
            return Optional.empty();
        }
    }

    void writeRecoveryPoint(LogEndPoint point) throws IOException {
        recoveryPoint.write(new RecoveryPoint(point.offset(), point.segmentBaseOffset(), point.position()));
    }

    /**
     * Reads and removes the clean-shutdown marker: the log is clean only for the open that finds it, so a crash
     * after this open is recovered.
     */
    Optional<CleanShutdown> takeCleanShutdown() throws IOException {
        Optional<CleanShutdown> marker;
        try {
            marker = cleanShutdown.read();
        } catch (CorruptCheckpointException e) {
            LOG.warn("ignoring corrupt clean-shutdown marker: {}", e.getMessage());
            marker = Optional.empty();
        }
        if (cleanShutdown.delete()) {
            syncDirectory();
        }
        return marker;
    }

    void writeCleanShutdown(long logEndOffset) throws IOException {
        cleanShutdown.write(new CleanShutdown(logEndOffset, Clock.systemUTC().millis()));
    }

    /** Makes file creations, renames and deletions in the directory durable. */
    void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

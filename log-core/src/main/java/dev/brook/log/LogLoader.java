package dev.brook.log;

import dev.brook.log.checkpoint.CleanShutdown;
import dev.brook.log.checkpoint.CorruptCheckpointException;
import dev.brook.log.checkpoint.RecoveryPoint;
import dev.brook.log.epoch.LeaderEpochCache;
import dev.brook.log.index.CorruptIndexException;
import dev.brook.log.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a log directory and brings it to a consistent state.
 *
 * <p>After a clean shutdown (a valid marker whose log end offset matches the files), segments and indexes are
 * trusted after a structural check of each index and a header walk from its last entry. After an unclean
 * shutdown, only what lies past the recovery point is recovered: segments before the recovery point's segment
 * are trusted as above; in that segment every batch from the recovery point's byte position on, and in every
 * later segment every batch, is read whole and its CRC and offsets checked; the file is cut at the first bad
 * byte, later segments are deleted, and the indexes of recovered segments are rebuilt. A corrupt or missing
 * index is never trusted: its segment is recovered from position 0. Recovered data is fsynced before the
 * recovery point moves to the end, so a second crash never skips validating it.
 */
final class LogLoader {
    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    /** The state {@link Log} starts from. */
    record Loaded(ConcurrentSkipListMap<Long, LogSegment> segments, long logStartOffset, LogEndPoint recoveryPoint,
            LeaderEpochCache epochCache, long cleanerOffset) {
    }

    private final Path dir;
    private final LogConfig config;
    private final LogFiles files;
    private final Clock clock;
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    /** Below this offset the cleaner may have left gaps between segments (see {@link #followedByNextSegment}). */
    private long cleanerOffset;

    LogLoader(Path dir, LogConfig config, LogFiles files, Clock clock) {
        this.dir = dir;
        this.config = config;
        this.files = files;
        this.clock = clock;
    }

    Loaded load() throws IOException {
        try {
            return loadOrThrow();
        } catch (IOException | RuntimeException e) {
            for (LogSegment segment : segments.values()) {
                try {
                    segment.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private Loaded loadOrThrow() throws IOException {
        SegmentSwap.recover(dir);
        cleanerOffset = files.readCleanerOffset();
        TreeSet<Long> bases = scanDirectory();
        Optional<CleanShutdown> marker = files.takeCleanShutdown();
        Optional<RecoveryPoint> savedRecoveryPoint = files.readRecoveryPoint();
        long logStartOffset = files.readLogStartOffset().orElse(bases.isEmpty() ? 0 : bases.first());

        boolean clean = marker.isPresent();
        boolean recovered = false;
        List<LogSegment> rebuilt = new ArrayList<>();
        for (long base : bases) {
            segments.put(base, openSegment(base, rebuilt));
        }
        rebuildIndexes(rebuilt);
        if (clean) {
            clean = loadTrusted(new ArrayList<>(segments.values()))
                    && marker.get().logEndOffset() == lastNextOffset();
            if (!clean) {
                LOG.warn("{}: clean-shutdown marker does not match the files, recovering", dir);
            }
        }
        if (!clean && !segments.isEmpty()) {
            recoverUnclean(savedRecoveryPoint.orElse(null));
            recovered = true;
        }
        logStartOffset = applyLogStartOffset(logStartOffset);
        if (segments.isEmpty()) {
            LogSegment fresh = LogSegment.open(dir, logStartOffset, config, clock.millis());
            fresh.loadTail();
            segments.put(logStartOffset, fresh);
            files.syncDirectory();
        }
        for (LogSegment segment : segments.headMap(segments.lastKey()).values()) {
            segment.seal();
        }
        LogSegment last = segments.lastEntry().getValue();
        if (recovered) {
            for (LogSegment segment : segments.values()) {
                segment.flush();
            }
        }
        LogEndPoint end = new LogEndPoint(last.nextOffset(), last.baseOffset(), last.size(), 0);
        files.writeRecoveryPoint(end);
        LeaderEpochCache epochCache = loadEpochCache();
        epochCache.truncateFromEnd(end.offset());
        epochCache.truncateFromStart(logStartOffset);
        LOG.debug("{}: opened, {} segment(s), offsets [{}, {}), {}", dir, segments.size(), logStartOffset,
                end.offset(), clean ? "clean" : "recovered");
        if (cleanerOffset > end.offset()) {
            cleanerOffset = end.offset();
            files.writeCleanerOffset(cleanerOffset);
        }
        return new Loaded(segments, logStartOffset, end, epochCache, cleanerOffset);
    }

    /** Lists segment base offsets and removes leftovers of interrupted deletions and orphaned index files. */
    private TreeSet<Long> scanDirectory() throws IOException {
        TreeSet<Long> bases = new TreeSet<>();
        List<Path> indexes = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                if (name.endsWith(LogSegment.DELETED_SUFFIX)) {
                    Files.delete(file);
                } else if (name.endsWith(LogSegment.LOG_SUFFIX)) {
                    bases.add(LogSegment.parseBaseOffset(name));
                } else if (name.endsWith(LogSegment.INDEX_SUFFIX) || name.endsWith(LogSegment.TIME_INDEX_SUFFIX)) {
                    indexes.add(file);
                }
            }
        }
        for (Path index : indexes) {
            if (!bases.contains(LogSegment.parseBaseOffset(index.getFileName().toString()))) {
                Files.delete(index);
            }
        }
        return bases;
    }

    /** Whether an index file of the segment is missing or empty (a crash between its create and its sizing). */
    private boolean indexLost(long base) throws IOException {
        for (Path index : List.of(LogSegment.indexPath(dir, base), LogSegment.timeIndexPath(dir, base))) {
            if (!Files.exists(index) || Files.size(index) == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens a segment. Indexes whose header is unreadable are deleted; a segment with data whose index was
     * missing, empty or unreadable is added to {@code rebuilt}, for {@link #rebuildIndexes}.
     */
    private LogSegment openSegment(long base, List<LogSegment> rebuilt) throws IOException {
        boolean lost = indexLost(base);
        LogSegment segment;
        try {
            segment = LogSegment.open(dir, base, config, clock.millis());
        } catch (CorruptIndexException e) {
            LOG.warn("{}: rebuilding the indexes of segment {}: {}", dir, base, e.getMessage());
            Files.deleteIfExists(LogSegment.indexPath(dir, base));
            Files.deleteIfExists(LogSegment.timeIndexPath(dir, base));
            segment = LogSegment.open(dir, base, config, clock.millis());
            lost = true;
        }
        if (lost && !segment.isEmpty()) {
            rebuilt.add(segment);
        }
        return segment;
    }

    /**
     * Rebuilds both indexes of segments that lost one, from position 0 and validating every batch: an index
     * created empty would otherwise be trusted and only extended past its (missing) last entry, and a lost index
     * says the segment's files are not in the state the last close left them.
     */
    private void rebuildIndexes(List<LogSegment> lost) throws IOException {
        for (LogSegment segment : lost) {
            if (!segments.containsValue(segment)) {
                continue;
            }
            LOG.warn("{}: an index of segment {} is missing or empty, rebuilding both", dir, segment.baseOffset());
            if (recoverSegment(segment, 0) > 0 || !followedByNextSegment(segment)) {
                deleteSegmentsAfter(segment);
            }
        }
    }

    /** Loads trusted segments; a segment that fails its checks is recovered. Returns false if any was. */
    private boolean loadTrusted(List<LogSegment> trusted) throws IOException {
        boolean allGood = true;
        for (LogSegment segment : trusted) {
            if (!segments.containsValue(segment)) {
                break;
            }
            try {
                segment.loadTail();
            } catch (CorruptLogException | CorruptIndexException e) {
                LOG.warn("{}: segment {} failed its checks, recovering it: {}", dir, segment.baseOffset(),
                        e.getMessage());
                allGood = false;
                if (recoverSegment(segment, 0) > 0) {
                    deleteSegmentsAfter(segment);
                }
            }
        }
        return allGood && offsetsFollow();
    }

    private void recoverUnclean(RecoveryPoint point) throws IOException {
        long firstToRecover = segments.firstKey();
        int validateFrom = 0;
        if (point != null && segments.containsKey(point.segmentBaseOffset())) {
            firstToRecover = point.segmentBaseOffset();
            validateFrom = validPosition(segments.get(firstToRecover), point);
        }
        loadTrusted(new ArrayList<>(segments.headMap(firstToRecover).values()));
        LOG.info("{}: unclean shutdown, recovering from segment {} position {}", dir, firstToRecover, validateFrom);
        for (LogSegment segment : new ArrayList<>(segments.tailMap(firstToRecover, true).values())) {
            if (!segments.containsValue(segment)) {
                break;
            }
            int from = segment.baseOffset() == firstToRecover ? validateFrom : 0;
            if (recoverSegment(segment, from) > 0 || !followedByNextSegment(segment)) {
                deleteSegmentsAfter(segment);
                break;
            }
        }
        if (!offsetsFollow()) {
            LOG.warn("{}: segments overlap after recovery", dir);
        }
    }

    /** The recovery point's position if a batch with its offset really starts there, else 0 (validate all). */
    private int validPosition(LogSegment segment, RecoveryPoint point) throws IOException {
        int position = point.positionInSegment();
        if (position == 0 || position > segment.size()) {
            return 0;
        }
        if (position == segment.size()) {
            return position;
        }
        // Read the header directly: the index of a crashed segment is not trusted yet.
        try {
            FileBatchHeader header = FileBatchHeader.read(segment.channelForLoader(), segment.logFile(), position,
                    segment.size(), ByteBuffer.allocate(RecordBatch.HEADER_SIZE));
            return header.baseOffset() == point.recoveryPointOffset() ? position : 0;
        } catch (CorruptLogException e) {
            return 0;
        }
    }

    /** Recovers one segment from {@code validateFrom}; returns the bytes truncated. */
    private int recoverSegment(LogSegment segment, int validateFrom) throws IOException {
        int truncated;
        try {
            truncated = segment.recover(validateFrom);
        } catch (CorruptLogException | CorruptIndexException e) {
            LOG.warn("{}: trusted part of segment {} is inconsistent, validating all of it: {}", dir,
                    segment.baseOffset(), e.getMessage());
            truncated = segment.recover(0);
        }
        if (truncated > 0) {
            LOG.warn("{}: truncated {} invalid byte(s) at position {} of {}", dir, truncated, segment.size(),
                    segment.logFile().getFileName());
        }
        return truncated;
    }

    /**
     * Whether the next segment starts right where {@code segment} ends. A roll always starts the new segment at
     * the log end offset, so a gap means the end of this segment was lost: the file was cut at a batch boundary
     * (whole batches missing, nothing torn). The exception is a gap the cleaner left, below the cleaner checkpoint. Everything after the loss must go, as after a torn batch.
     */
    private boolean followedByNextSegment(LogSegment segment) {
        Long next = segments.higherKey(segment.baseOffset());
        if (next == null || next == segment.nextOffset()) {
            return true;
        }
        if (next > segment.nextOffset() && next <= cleanerOffset) {
            return true; // the cleaner removed the records at the end of this segment; a swap raises the checkpoint first
        }
        LOG.warn("{}: segment {} ends at offset {} but the next one starts at {}: its end was lost", dir,
                segment.baseOffset(), segment.nextOffset(), next);
        return false;
    }

    private void deleteSegmentsAfter(LogSegment segment) throws IOException {
        for (LogSegment later : new ArrayList<>(segments.tailMap(segment.baseOffset(), false).values())) {
            LOG.warn("{}: deleting segment {} after a truncated one", dir, later.baseOffset());
            segments.remove(later.baseOffset());
            later.closeAndDelete();
        }
    }

    /** Whether each segment's offsets end before the next segment's base offset. */
    private boolean offsetsFollow() throws IOException {
        LogSegment previous = null;
        for (LogSegment segment : new ArrayList<>(segments.values())) {
            if (previous != null && previous.nextOffset() > segment.baseOffset()) {
                LOG.warn("{}: segment {} overlaps segment {}, deleting it and later ones", dir,
                        segment.baseOffset(), previous.baseOffset());
                deleteSegmentsAfter(previous);
                return false;
            }
            previous = segment;
        }
        return true;
    }

    private long lastNextOffset() {
        return segments.isEmpty() ? -1 : segments.lastEntry().getValue().nextOffset();
    }

    /** Clamps the log start offset to the data and deletes segments wholly below it. */
    private long applyLogStartOffset(long checkpointed) throws IOException {
        if (segments.isEmpty()) {
            return checkpointed;
        }
        long start = Math.max(checkpointed, segments.firstKey());
        if (start > lastNextOffset()) {
            LOG.warn("{}: log start offset {} is past the data (ends at {}), starting empty there", dir, start,
                    lastNextOffset());
            for (LogSegment segment : new ArrayList<>(segments.values())) {
                segments.remove(segment.baseOffset());
                segment.closeAndDelete();
            }
            return start;
        }
        for (LogSegment segment : new ArrayList<>(segments.values())) {
            Long next = segments.higherKey(segment.baseOffset());
            if (next == null || next > start) {
                break;
            }
            segments.remove(segment.baseOffset());
            segment.closeAndDelete();
        }
        if (start != checkpointed) {
            files.writeLogStartOffset(start);
        }
        return start;
    }

    /** Loads the epoch cache; a corrupt checkpoint is rebuilt from the epochs stamped in the batches. */
    private LeaderEpochCache loadEpochCache() throws IOException {
        try {
            return LeaderEpochCache.load(dir);
        } catch (CorruptCheckpointException e) {
            LOG.warn("{}: rebuilding the leader epoch cache from the log: {}", dir, e.getMessage());
            Files.deleteIfExists(e.file());
            LeaderEpochCache cache = LeaderEpochCache.load(dir);
            ByteBuffer scratch = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
            for (LogSegment segment : segments.values()) {
                long pos = 0;
                while (pos < segment.size()) {
                    FileBatchHeader header = FileBatchHeader.read(segment.channelForLoader(), segment.logFile(), pos,
                            segment.size(), scratch);
                    if (header.partitionLeaderEpoch() >= 0) {
                        cache.assign(header.partitionLeaderEpoch(), header.baseOffset());
                    }
                    pos = header.endPosition();
                }
            }
            return cache;
        }
    }
}

package dev.brook.log;

import dev.brook.log.checkpoint.CheckpointFile;
import dev.brook.log.checkpoint.SegmentSwapPlan;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-safe file protocol that replaces a run of sealed segments {@code [from, to)} by one cleaned segment
 * with base offset {@code from}, and its recovery on open.
 *
 * <p>Commit (each step is a {@link SwapStep}):
 * <ol>
 *   <li>The cleaner wrote {@code <from>.log.cleaned}, {@code .index.cleaned}, {@code .timeindex.cleaned}, forced
 *       and closed them.</li>
 *   <li>{@code <from>.swap.checkpoint} ({@link SegmentSwapPlan}) is written durably: the replaced range.</li>
 *   <li>The two index files are renamed {@code .cleaned} to {@code .swap}.</li>
 *   <li>The log file is renamed {@code .log.cleaned} to {@code .log.swap} and the directory fsynced. This is the
 *       commit point: from here the swap is completed even after a crash.</li>
 *   <li>The replaced segments' files are renamed to {@code *.deleted}.</li>
 *   <li>The {@code .swap} files are renamed to their final names (indexes first, the log last).</li>
 *   <li>The plan file is deleted.</li>
 * </ol>
 *
 * <p>Recovery ({@link #recover}, before the loader lists segments): every {@code *.cleaned} file is deleted. For
 * each plan file: if {@code <from>.log.swap} exists the swap had committed, so every segment file with a base
 * offset in {@code [from, to)} is deleted (they are the replaced ones: the new segment still has its
 * {@code .swap} name; a new index already renamed is deleted too and rebuilt by the loader) and the {@code .swap}
 * files take their final names; if it does not exist, the swap either never committed or had already completed,
 * and in both cases the segment files are right as they are. Then leftover {@code .swap} files of that plan and
 * the plan itself are deleted. A {@code .swap} file without a plan cannot come from a commit and is deleted. Every
 * step of recovery is idempotent, so a crash during recovery is recovered the same way.
 */
final class SegmentSwap {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentSwap.class);
    private static final String[] SEGMENT_SUFFIXES = {LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX,
        LogSegment.LOG_SUFFIX};

    private SegmentSwap() {
    }

    /**
     * Runs steps 2 to 7 for a finished cleaned segment; the caller holds the log's append lock and has checked
     * that the replaced segments are still the log's. {@code replaceInMemory} runs between steps 5 and 6's
     * listener call: it must open the new segment and swap it into the log's map.
     */
    static void commit(Path dir, LogFiles files, SegmentSwapPlan plan, List<LogSegment> replaced,
            SwapListener listener, SegmentOpener replaceInMemory) throws IOException {
        long base = plan.fromOffset();
        CheckpointFile<SegmentSwapPlan> planFile = SegmentSwapPlan.file(dir, base);
        planFile.write(plan);
        listener.afterStep(SwapStep.PLAN_WRITTEN);
        for (Path index : List.of(LogSegment.indexPath(dir, base), LogSegment.timeIndexPath(dir, base))) {
            move(LogSegment.withSuffix(index, LogSegment.CLEANED_SUFFIX), LogSegment.withSuffix(index,
                    LogSegment.SWAP_SUFFIX));
        }
        listener.afterStep(SwapStep.INDEXES_RENAMED);
        Path log = LogSegment.logPath(dir, base);
        move(LogSegment.withSuffix(log, LogSegment.CLEANED_SUFFIX), LogSegment.withSuffix(log, LogSegment.SWAP_SUFFIX));
        files.syncDirectory();
        listener.afterStep(SwapStep.COMMITTED);
        for (LogSegment old : replaced) {
            old.markDeleted();
        }
        files.syncDirectory();
        listener.afterStep(SwapStep.OLD_SEGMENTS_DELETED);
        for (String suffix : SEGMENT_SUFFIXES) {
            Path target = dir.resolve(LogSegment.fileStem(base) + suffix);
            move(LogSegment.withSuffix(target, LogSegment.SWAP_SUFFIX), target);
        }
        files.syncDirectory();
        replaceInMemory.open();
        listener.afterStep(SwapStep.SWAP_FILES_RENAMED);
        planFile.delete();
        listener.afterStep(SwapStep.COMPLETED);
    }

    /** Opens the swapped-in segment and puts it in the log's place of the replaced ones. */
    @FunctionalInterface
    interface SegmentOpener {
        void open() throws IOException;
    }

    /** Deletes the {@code .cleaned} files of a cleaned segment that will not be swapped in. */
    static void deleteScratch(Path dir, long base) throws IOException {
        for (String suffix : SEGMENT_SUFFIXES) {
            Files.deleteIfExists(dir.resolve(LogSegment.fileStem(base) + suffix + LogSegment.CLEANED_SUFFIX));
        }
    }

    /**
     * Brings the directory to the state of a completed or never-started swap, as described in the class comment.
     *
     * @throws dev.brook.log.checkpoint.CorruptCheckpointException if a plan file cannot be verified: the range a
     *     committed swap replaces is then unknown, and guessing could lose or resurrect records
     */
    static void recover(Path dir) throws IOException {
        List<Path> cleaned = new ArrayList<>();
        List<Path> swaps = new ArrayList<>();
        TreeMap<Long, Path> plans = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                if (name.endsWith(LogSegment.CLEANED_SUFFIX)) {
                    cleaned.add(file);
                } else if (name.endsWith(SegmentSwapPlan.FILE_SUFFIX)) {
                    plans.put(LogSegment.parseBaseOffset(name), file);
                } else if (name.endsWith(LogSegment.SWAP_SUFFIX)) {
                    swaps.add(file);
                }
            }
        }
        if (cleaned.isEmpty() && swaps.isEmpty() && plans.isEmpty()) {
            return;
        }
        for (Path file : cleaned) {
            LOG.info("{}: deleting {} left by an interrupted cleaning", dir, file.getFileName());
            Files.deleteIfExists(file);
        }
        for (Path planPath : plans.values()) {
            Optional<SegmentSwapPlan> read = SegmentSwapPlan.read(planPath);
            if (read.isPresent()) {
                completeIfCommitted(dir, read.get());
            }
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + LogSegment.SWAP_SUFFIX)) {
            for (Path file : stream) {
                LOG.info("{}: deleting {} of a swap that did not commit", dir, file.getFileName());
                Files.delete(file);
            }
        }
        fsync(dir);
        for (Path planPath : plans.values()) {
            Files.deleteIfExists(planPath);
        }
        fsync(dir);
    }

    private static void completeIfCommitted(Path dir, SegmentSwapPlan plan) throws IOException {
        long base = plan.fromOffset();
        Path logSwap = LogSegment.withSuffix(LogSegment.logPath(dir, base), LogSegment.SWAP_SUFFIX);
        if (!Files.exists(logSwap)) {
            return;
        }
        LOG.warn("{}: completing the interrupted swap of segments [{}, {})", dir, plan.fromOffset(),
                plan.toOffset());
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                for (String suffix : SEGMENT_SUFFIXES) {
                    if (name.endsWith(suffix)) {
                        long segmentBase = LogSegment.parseBaseOffset(name);
                        if (segmentBase >= plan.fromOffset() && segmentBase < plan.toOffset()) {
                            Files.delete(file);
                        }
                    }
                }
            }
        }
        fsync(dir);
        for (String suffix : SEGMENT_SUFFIXES) {
            Path target = dir.resolve(LogSegment.fileStem(base) + suffix);
            Path swap = LogSegment.withSuffix(target, LogSegment.SWAP_SUFFIX);
            if (Files.exists(swap)) {
                move(swap, target);
            }
        }
        fsync(dir);
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void fsync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

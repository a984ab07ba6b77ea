package dev.brook.benchmarks.log;

import dev.brook.log.Log;
import dev.brook.log.LogConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one {@link Log#open} after different shutdowns. Each iteration builds a fresh log directory (not
 * timed), opens it once (timed) and deletes it; at most about {@value #BIG_BYTES} + {@value #SMALL_BYTES} bytes
 * are on disk at a time. Batches are {@value #RECORDS_PER_BATCH} x {@value #RECORD_SIZE}-byte records (about
 * 16 KiB, Kafka's default producer {@code batch.size}); segments are {@value #SEGMENT_BYTES} bytes.
 *
 * <ul>
 *   <li>{@code CLEAN}: a 1 GiB log closed cleanly; the open trusts every segment (index checks and a header walk
 *       from each segment's last index entry);</li>
 *   <li>{@code UNCLEAN_TAIL_1GIB}: 1 GiB appended with the OS flush policy and never flushed, then the process
 *       "dies" (files closed with no flush, checkpoint or marker). The recovery point is at offset 0, so all of
 *       it is tail: every batch is read and CRC-checked, the indexes rebuilt, then everything is fsynced. The
 *       tail's pages are still dirty in the page cache, as after a killed process, so the fsync writes 1 GiB;</li>
 *   <li>{@code UNCLEAN_TAIL_1GIB_WRITTEN_BACK}: the same, but the files are fsynced behind the log's back before
 *       the open (as if the kernel had written the pages back before the crash); isolates the rescan from the
 *       write-back;</li>
 *   <li>{@code UNCLEAN_FLUSHED_1GIB_TAIL_1MIB}: 1 GiB appended and flushed (recovery point checkpointed at its
 *       end), then {@value #SMALL_BYTES} bytes more never flushed, then the crash. Only that tail may be
 *       rescanned; if the open took as long as the 1 GiB tail, the flushed part would have been rescanned.</li>
 * </ul>
 *
 * <p>The files are in the page cache in every scenario (just written), so reads cost CPU, not disk.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar RecoveryBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class RecoveryBenchmark {
    static final long BIG_BYTES = BenchLogs.GIB;
    static final long SMALL_BYTES = BenchLogs.MIB;
    static final int SEGMENT_BYTES = 128 * BenchLogs.MIB;
    static final int RECORDS_PER_BATCH = 16;
    static final int RECORD_SIZE = 1024;

    /** How the log was left before the timed open. */
    public enum Scenario {
        CLEAN, UNCLEAN_TAIL_1GIB, UNCLEAN_TAIL_1GIB_WRITTEN_BACK, UNCLEAN_FLUSHED_1GIB_TAIL_1MIB
    }

    @Param({"CLEAN", "UNCLEAN_TAIL_1GIB", "UNCLEAN_TAIL_1GIB_WRITTEN_BACK", "UNCLEAN_FLUSHED_1GIB_TAIL_1MIB"})
    public Scenario scenario;

    private final LogConfig config = BenchLogs.config(SEGMENT_BYTES);
    private final ByteBuffer batch = BenchLogs.batch(RECORDS_PER_BATCH, RECORD_SIZE, BenchLogs.BASE_TIMESTAMP);
    private Path dir;
    private Log opened;

    /** Builds the directory the timed open finds. */
    @Setup(Level.Iteration)
    public void prepare() {
        dir = BenchLogs.createDir("brook-recovery-");
        Log log = Log.open(dir, config);
        BenchLogs.fill(log, batch, BIG_BYTES);
        switch (scenario) {
            case CLEAN -> log.close();
            case UNCLEAN_TAIL_1GIB -> BenchLogs.closeUncleanly(log);
            case UNCLEAN_TAIL_1GIB_WRITTEN_BACK -> {
                BenchLogs.closeUncleanly(log);
                BenchLogs.syncFilesBehindTheLogsBack(dir);
            }
            case UNCLEAN_FLUSHED_1GIB_TAIL_1MIB -> {
                log.flush();
                log.checkpointRecoveryPoint();
                BenchLogs.fill(log, batch, SMALL_BYTES);
                BenchLogs.closeUncleanly(log);
            }
            default -> throw new IllegalStateException("unknown scenario " + scenario);
        }
    }

    /** Closes the recovered log and deletes the directory. */
    @TearDown(Level.Iteration)
    public void delete() {
        try {
            if (opened != null) {
                opened.close();
            }
        } finally {
            opened = null;
            BenchLogs.deleteRecursively(dir);
        }
    }

    /**
     * Opens (and, after an unclean shutdown, recovers) the log.
     *
     * @return the opened log
     */
    @Benchmark
    public Log open() {
        opened = Log.open(dir, config);
        return opened;
    }
}

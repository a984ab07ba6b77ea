package dev.brook.benchmarks.log;

import dev.brook.log.Log;
import dev.brook.log.LogReadResult;
import dev.brook.log.TimestampAndOffset;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Random-access lookups on a log of {@value #SEGMENTS} segments of {@value #SEGMENT_BYTES} bytes, batches of
 * {@value #RECORDS_PER_BATCH} x {@value #RECORD_SIZE}-byte records, one index entry per 4 KiB (Kafka's
 * {@code index.interval.bytes}). Batch {@code i} carries timestamp {@code BASE + i} ms.
 *
 * <ul>
 *   <li>{@code readAtRandomOffset}: {@link Log#read(long, int)} of one batch at a random offset: segment floor
 *       lookup, offset-index binary search, then a walk of batch headers from the indexed position to the
 *       batch holding the offset. Returns the region; the batch bytes themselves are not read;</li>
 *   <li>{@code offsetForRandomTimestamp}: {@link Log#offsetForTimestamp} for a random timestamp: the segment
 *       walk, time-index and offset-index lookups, a header walk, then reading and CRC-checking one batch and
 *       iterating its records.</li>
 * </ul>
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar OffsetLookupBenchmark -f 1 -wi 2 -i 3 -w 1s -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class OffsetLookupBenchmark {
    static final int SEGMENTS = 128;
    static final int SEGMENT_BYTES = BenchLogs.MIB;
    static final int RECORDS_PER_BATCH = 10;
    static final int RECORD_SIZE = 100;
    private static final int TARGETS = 1 << 14;
    private static final long SEED = 7;

    private Path dir;
    private Log log;
    private final long[] offsets = new long[TARGETS];
    private final long[] timestamps = new long[TARGETS];
    private int next;

    /** Writes the log once per trial and draws the seeded random targets. */
    @Setup(Level.Trial)
    public void fill() {
        dir = BenchLogs.createDir("brook-lookup-");
        log = Log.open(dir, BenchLogs.config(SEGMENT_BYTES));
        // SEGMENTS - 1 full segments and a half-full active one.
        long halfOfLast = (long) (SEGMENTS - 1) * SEGMENT_BYTES + SEGMENT_BYTES / 2;
        int batches = BenchLogs.fillWithRisingTimestamps(log, RECORDS_PER_BATCH, RECORD_SIZE,
                () -> log.segmentCount() >= SEGMENTS && log.sizeInBytes() >= halfOfLast);
        log.flush();
        Random random = new Random(SEED);
        long end = log.logEndOffset();
        for (int i = 0; i < TARGETS; i++) {
            offsets[i] = (long) (random.nextDouble() * end);
            timestamps[i] = BenchLogs.BASE_TIMESTAMP + random.nextInt(batches);
        }
    }

    /** Closes the log and deletes it. */
    @TearDown(Level.Trial)
    public void close() {
        try {
            log.close();
        } finally {
            BenchLogs.deleteRecursively(dir);
        }
    }

    private int nextTarget() {
        next = (next + 1) & (TARGETS - 1);
        return next;
    }

    /**
     * Finds the batch holding a random offset.
     *
     * @return the read result (one region of one batch)
     */
    @Benchmark
    public LogReadResult readAtRandomOffset() {
        return log.read(offsets[nextTarget()], 1);
    }

    /**
     * Finds the first record at or after a random timestamp.
     *
     * @return its offset and timestamp
     */
    @Benchmark
    public Optional<TimestampAndOffset> offsetForRandomTimestamp() {
        return log.offsetForTimestamp(timestamps[nextTarget()]);
    }
}

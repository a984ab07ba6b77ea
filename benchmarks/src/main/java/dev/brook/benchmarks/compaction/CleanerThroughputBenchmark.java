package dev.brook.benchmarks.compaction;

import dev.brook.benchmarks.log.BenchLogs;
import dev.brook.compaction.CleanResult;
import dev.brook.compaction.CleanerSettings;
import dev.brook.compaction.CompactionConfig;
import dev.brook.compaction.LogCleaner;
import dev.brook.log.Log;
import dev.brook.log.LogConfig;
import dev.brook.log.record.Compression;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.partition.topic.TopicPartition;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Log cleaner throughput: one {@link LogCleaner#clean} pass over a freshly written, wholly dirty log of
 * {@value #LOG_MIB} MiB of 1 KiB records (16-byte key, 1 KiB value) in sealed {@value #SEGMENT_MIB} MiB segments,
 * with {@code duplicatePercent}% of the records repeating an earlier key (the rest carry new keys). Each
 * measured operation is one whole cleaning (single-shot); the log is rebuilt before every one, outside the
 * measurement. MB/s of dirty log cleaned = {@value #LOG_MIB} MiB / the time of one operation; the {@code bytesRead}
 * and {@code bytesWritten} secondary scores give the cleaned log's size before and after.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar CleanerThroughputBenchmark -f 1 -wi 2 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class CleanerThroughputBenchmark {
    static final int LOG_MIB = 64;
    static final int SEGMENT_MIB = 8;
    private static final int VALUE_BYTES = 1024;
    private static final int KEY_BYTES = 16;
    private static final int RECORDS_PER_BATCH = 16;
    private static final TopicPartition PARTITION = new TopicPartition("bench", 0);

    /** Share of records whose key an earlier record already had. */
    @Param({"10", "90"})
    public int duplicatePercent;

    private Path dir;
    private Log log;
    private LogCleaner cleaner;

    /** The cleaned log's size before and after, per operation. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Sizes {
        public long bytesRead;
        public long bytesWritten;
    }

    @Setup(Level.Invocation)
    public void writeDirtyLog() {
        dir = BenchLogs.createDir("brook-cleaner-bench-");
        log = Log.open(dir.resolve("bench-0"), LogConfig.defaults().withSegmentBytes(SEGMENT_MIB << 20));
        Random random = new Random(42 + duplicatePercent);
        byte[] value = new byte[VALUE_BYTES];
        long keys = 0;
        long timestamp = 1_700_000_000_000L;
        while (log.sizeInBytes() < (long) LOG_MIB << 20) {
            RecordBatchBuilder batch = new RecordBatchBuilder(Compression.NONE);
            for (int i = 0; i < RECORDS_PER_BATCH; i++) {
                long key = keys > 0 && random.nextInt(100) < duplicatePercent ? (long) (random.nextDouble() * keys)
                        : keys++;
                random.nextBytes(value);
                batch.append(timestamp, key(key), value);
            }
            log.append(batch.build(), 0);
            timestamp++;
        }
        log.roll();
        // Kafka's defaults except the buffer: 1 thread, map memory for every key of the log.
        cleaner = new LogCleaner(CleanerSettings.defaults().withDedupeBufferBytes(128L << 20), Clock.systemUTC());
        cleaner.register(PARTITION, log, CompactionConfig.compactDefaults());
    }

    private static byte[] key(long id) {
        return ByteBuffer.allocate(KEY_BYTES).putLong(0x6b65792dL).putLong(id).array();
    }

    @Benchmark
    public CleanResult clean(Sizes sizes) {
        CleanResult result = cleaner.clean(PARTITION);
        sizes.bytesRead += result.bytesRead();
        sizes.bytesWritten += result.bytesWritten();
        return result;
    }

    @TearDown(Level.Invocation)
    public void deleteLog() {
        cleaner.close();
        log.close();
        BenchLogs.deleteRecursively(dir);
    }
}

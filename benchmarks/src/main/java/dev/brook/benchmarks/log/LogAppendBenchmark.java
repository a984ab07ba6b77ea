package dev.brook.benchmarks.log;

import dev.brook.log.FlushPolicy;
import dev.brook.log.Log;
import dev.brook.log.LogAppendInfo;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
 * Leader appends ({@link Log#append}) of one prebuilt, uncompressed batch per operation: validation, offset
 * assignment, the positional write, indexing and, for {@code EVERY_APPEND}, the fsync of the segment and its two
 * indexes. The primary score is appends (batches) per second; the {@code records} and {@code bytes} secondary
 * scores are records/s and bytes/s (divide by 1,048,576 for MiB/s).
 *
 * <p>With the OS flush policy the log would outgrow the disk within seconds, so retention keeps it at about
 * {@value #RETAINED_BYTES} bytes: when more than {@value #MAX_SEGMENTS} segments exist the benchmark runs the
 * log's maintenance (what {@code LogMaintenanceAgent} does in a broker), inside the measured time.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar LogAppendBenchmark -f 1 -wi 2 -i 3 -w 1s -r 2s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class LogAppendBenchmark {
    private static final int SEGMENT_BYTES = 64 * BenchLogs.MIB;
    static final long RETAINED_BYTES = 4L * SEGMENT_BYTES;
    static final int MAX_SEGMENTS = 5;

    /** The flush policies compared. */
    public enum Flush {
        /** {@link FlushPolicy#os()}: write-back left to the kernel (Kafka's default). */
        OS(FlushPolicy.os()),
        /** {@link FlushPolicy#everyAppend()}: fsync before each append returns. */
        EVERY_APPEND(FlushPolicy.everyAppend());

        final FlushPolicy policy;

        Flush(FlushPolicy policy) {
            this.policy = policy;
        }
    }

    @Param({"100", "1024"})
    public int recordSize;

    @Param({"1", "100"})
    public int recordsPerBatch;

    @Param({"OS", "EVERY_APPEND"})
    public Flush flush;

    private Path dir;
    private Log log;
    private ByteBuffer batch;
    private int batchRecords;

    /** Opens an empty log and builds the batch every operation appends. */
    @Setup(Level.Trial)
    public void open() {
        dir = BenchLogs.createDir("brook-append-");
        log = Log.open(dir, BenchLogs.config(SEGMENT_BYTES)
                .withRetentionBytes(RETAINED_BYTES)
                .withFlushPolicy(flush.policy));
        batch = BenchLogs.batch(recordsPerBatch, recordSize, BenchLogs.BASE_TIMESTAMP);
        batchRecords = recordsPerBatch;
    }

    /** Closes the log and deletes its directory. */
    @TearDown(Level.Trial)
    public void close() {
        try {
            log.close();
        } finally {
            BenchLogs.deleteRecursively(dir);
        }
    }

    /**
     * Appends one batch.
     *
     * @param counters records and bytes appended
     * @return the append's result, so it is not optimised away
     */
    @Benchmark
    public LogAppendInfo append(RecordsAndBytes counters) {
        ByteBuffer records = batch.duplicate();
        int size = records.remaining();
        LogAppendInfo info = log.append(records, 0);
        counters.records += batchRecords;
        counters.bytes += size;
        if (log.segmentCount() > MAX_SEGMENTS) {
            log.runMaintenance();
        }
        return info;
    }
}

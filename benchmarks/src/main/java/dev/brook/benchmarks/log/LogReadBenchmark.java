package dev.brook.benchmarks.log;

import dev.brook.log.Log;
import dev.brook.log.LogReadResult;
import dev.brook.log.LogRegion;
import dev.brook.log.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Sequential consumption of a pre-filled {@value #LOG_BYTES}-byte log (batches of {@value #RECORDS_PER_BATCH} x
 * {@value #RECORD_SIZE}-byte records, {@value #SEGMENT_BYTES}-byte segments) in fetches of up to
 * {@value #FETCH_BYTES} bytes, wrapping to offset 0 at the end. Each operation is one fetch; the {@code bytes}
 * and {@code records} secondary scores give bytes/s and records/s. The files sit in the page cache (just
 * written), so this measures the CPU and syscall path, not the disk.
 *
 * <ul>
 *   <li>{@code regionOnly}: {@link Log#read(long, int)} alone, which finds the region by reading the header of
 *       every batch it will contain (one positional read each) but no data; the fixed cost under the others;</li>
 *   <li>{@code batchesWithCrc}: {@link LogRegion#batches()}, a copy into a heap buffer plus a CRC-32C check of
 *       every batch, as an in-process consumer reads;</li>
 *   <li>{@code readAllNoCrc}: {@link LogRegion#readAll()} alone, to separate the copy from the CRC;</li>
 *   <li>{@code transferToDiscardingChannel}: {@link LogRegion#transferTo} into a plain
 *       {@link WritableByteChannel} that drops its input; the JDK cannot use sendfile there and copies through
 *       a buffer;</li>
 *   <li>{@code transferToDevNull}: {@link LogRegion#transferTo} into a {@link FileChannel} on {@code /dev/null},
 *       the kernel's zero-copy (sendfile) path a socket send takes.</li>
 * </ul>
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar LogReadBenchmark -f 1 -wi 2 -i 3 -w 1s -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class LogReadBenchmark {
    static final long LOG_BYTES = 256L * BenchLogs.MIB;
    static final int SEGMENT_BYTES = 64 * BenchLogs.MIB;
    static final int FETCH_BYTES = BenchLogs.MIB;
    static final int RECORDS_PER_BATCH = 16;
    static final int RECORD_SIZE = 1024;

    private Path dir;
    private Log log;
    private FileChannel devNull;
    private final WritableByteChannel discard = new DiscardingChannel();

    /** Where the next fetch starts; single-threaded benchmark, so a plain field. */
    private long next;

    /** Writes the log once per trial and opens {@code /dev/null}. */
    @Setup(Level.Trial)
    public void fill() throws IOException {
        dir = BenchLogs.createDir("brook-read-");
        log = Log.open(dir, BenchLogs.config(SEGMENT_BYTES));
        BenchLogs.fill(log, BenchLogs.batch(RECORDS_PER_BATCH, RECORD_SIZE, BenchLogs.BASE_TIMESTAMP), LOG_BYTES);
        log.flush();
        devNull = FileChannel.open(Paths.get("/dev/null"), StandardOpenOption.WRITE);
    }

    /** Closes everything and deletes the log. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        try {
            devNull.close();
            log.close();
        } finally {
            BenchLogs.deleteRecursively(dir);
        }
    }

    /** The next fetch's region, wrapping to the start after the last batch. */
    private LogRegion fetch() {
        if (next >= log.logEndOffset()) {
            next = log.logStartOffset();
        }
        LogReadResult result = log.read(next, FETCH_BYTES);
        LogRegion region = result.regions().get(0);
        next = region.lastOffset() + 1;
        return region;
    }

    /**
     * One fetch's region, no data read.
     *
     * @return the region
     */
    @Benchmark
    public LogRegion regionOnly(RecordsAndBytes counters) {
        LogRegion region = fetch();
        count(counters, region);
        return region;
    }

    /**
     * One fetch read as batches with CRC validation.
     *
     * @return the batches, so the work is not optimised away
     */
    @Benchmark
    public List<RecordBatch> batchesWithCrc(RecordsAndBytes counters) throws IOException {
        LogRegion region = fetch();
        List<RecordBatch> batches = region.batches();
        for (RecordBatch batch : batches) {
            counters.records += batch.recordCount();
        }
        counters.bytes += region.sizeInBytes();
        return batches;
    }

    /**
     * One fetch copied into a heap buffer, no CRC.
     *
     * @return the bytes
     */
    @Benchmark
    public ByteBuffer readAllNoCrc(RecordsAndBytes counters) throws IOException {
        LogRegion region = fetch();
        ByteBuffer bytes = region.readAll();
        count(counters, region);
        return bytes;
    }

    /**
     * One fetch transferred to a channel that is not a file or socket (copy path).
     *
     * @return bytes transferred
     */
    @Benchmark
    public long transferToDiscardingChannel(RecordsAndBytes counters) throws IOException {
        LogRegion region = fetch();
        long sent = transferAll(region, discard);
        count(counters, region);
        return sent;
    }

    /**
     * One fetch transferred to {@code /dev/null} (sendfile, zero copy).
     *
     * @return bytes transferred
     */
    @Benchmark
    public long transferToDevNull(RecordsAndBytes counters) throws IOException {
        LogRegion region = fetch();
        long sent = transferAll(region, devNull);
        count(counters, region);
        return sent;
    }

    private static long transferAll(LogRegion region, WritableByteChannel target) throws IOException {
        long done = 0;
        int size = region.sizeInBytes();
        while (done < size) {
            done += region.transferTo(target, done, size - done);
        }
        return done;
    }

    /** Counts records from the region's offsets: the batches are whole and offsets dense. */
    private static void count(RecordsAndBytes counters, LogRegion region) {
        counters.bytes += region.sizeInBytes();
        counters.records += region.lastOffset() - region.firstOffset() + 1;
    }

    /** Accepts and drops every byte, like a socket to an infinitely fast consumer, but without sendfile. */
    private static final class DiscardingChannel implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}

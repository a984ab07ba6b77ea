package dev.brook.benchmarks.log;

import dev.brook.log.Log;
import dev.brook.log.LogConfig;
import dev.brook.log.record.Compression;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.partition.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Setup shared by the log benchmarks: scratch directories, prebuilt batches, filling a log, simulating a crash
 * and cleaning up. Nothing here is measured.
 */
public final class BenchLogs {
    /** Fixed seed: every run appends the same bytes. */
    private static final long SEED = 42;
    /** Timestamp of the first batch the benchmarks build; later batches count up from it. */
    static final long BASE_TIMESTAMP = 1_700_000_000_000L;
    static final int KIB = 1024;
    static final int MIB = 1024 * 1024;
    static final long GIB = 1024L * MIB;

    private BenchLogs() {
    }

    /**
     * Creates an empty scratch directory under {@code -Dbrook.bench.dir} (default {@code java.io.tmpdir}), so a
     * run can be pointed at the disk it should measure.
     */
    public static Path createDir(String prefix) {
        try {
            Path parent = Paths.get(System.getProperty("brook.bench.dir", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory", e);
        }
    }

    /** Deletes {@code dir} and everything below it; a no-op for {@code null} or a missing directory. */
    public static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /**
     * Builds one uncompressed CreateTime batch of {@code records} records with no key and a {@code recordSize}
     * byte value of seeded random bytes, every record stamped {@code timestamp}.
     */
    static ByteBuffer batch(int records, int recordSize, long timestamp) {
        Random random = new Random(SEED + timestamp);
        RecordBatchBuilder builder = new RecordBatchBuilder(Compression.NONE);
        byte[] value = new byte[recordSize];
        for (int i = 0; i < records; i++) {
            random.nextBytes(value);
            builder.append(timestamp, null, value);
        }
        return builder.build();
    }

    /**
     * Appends copies of {@code template} until the log holds at least {@code bytes} bytes. The template is
     * re-stamped in place by each append (offsets and leader epoch lie outside the CRC), so one buffer serves.
     *
     * @return the number of appends
     */
    static long fill(Log log, ByteBuffer template, long bytes) {
        long appends = 0;
        long target = log.sizeInBytes() + bytes;
        long written = log.sizeInBytes();
        while (written < target) {
            log.append(template.duplicate(), 0);
            written += template.remaining();
            appends++;
        }
        return appends;
    }

    /**
     * Appends distinct batches of {@code records} x {@code recordSize} bytes until {@code done} says stop; batch
     * {@code i} is stamped {@code BASE_TIMESTAMP + i} ms, so timestamps rise through the log.
     *
     * @return the number of batches appended
     */
    static int fillWithRisingTimestamps(Log log, int records, int recordSize, BooleanSupplier done) {
        int batches = 0;
        while (!done.getAsBoolean()) {
            log.append(batch(records, recordSize, BASE_TIMESTAMP + batches), 0);
            batches++;
        }
        return batches;
    }

    /** Kafka's defaults with the given segment size, deleted segments closed at once, retention off. */
    static LogConfig config(int segmentBytes) {
        return LogConfig.defaults()
                .withSegmentBytes(segmentBytes)
                .withRetentionMs(-1)
                .withFileDeleteDelayMs(0);
    }

    /**
     * Closes {@code log}'s files without flush, recovery-point checkpoint or clean-shutdown marker: what a killed
     * process leaves behind (its page cache survives). {@code Log.closeUncleanly()} is package-private because
     * only crash tests should call it; the recovery benchmark is such a crash test, so it is reached reflectively
     * rather than widening log-core's API.
     */
    static void closeUncleanly(Log log) {
        try {
            Method close = Log.class.getDeclaredMethod("closeUncleanly");
            close.setAccessible(true);
            close.invoke(log);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("unclean close of " + log + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Log.closeUncleanly() is not reachable", e);
        }
    }

    /**
     * Fsyncs every file in {@code dir} without telling the log, so its recovery point stays where it was: the
     * state after the kernel wrote back a crashed process's dirty pages on its own.
     */
    static void syncFilesBehindTheLogsBack(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + dir, e);
        }
    }
}

package dev.brook.benchmarks.index;

import static dev.brook.benchmarks.index.IndexWorkload.BASE_OFFSET;
import static dev.brook.benchmarks.index.IndexWorkload.ENTRIES;
import static dev.brook.benchmarks.index.IndexWorkload.FILE_SIZE;
import static dev.brook.benchmarks.index.IndexWorkload.position;
import static dev.brook.benchmarks.index.IndexWorkload.relativeOffset;

import dev.brook.log.index.OffsetIndex;
import dev.brook.log.index.OffsetPosition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Index-like work on a preallocated memory-mapped file with Brook's {@link OffsetIndex}, a bare JDK
 * {@code MappedByteBuffer} and chronicle-bytes' {@code MappedBytes}, all writing the same bytes:
 *
 * <ul>
 *   <li>{@code append*}: fill an empty, zeroed 2^20-entry file with 8-byte entries; time per entry. Before each
 *       invocation the previous fill is zeroed again (outside the timing), as a rebuild after
 *       {@code reset()} starts;
 *   <li>{@code lookup*}: one floor binary search over a full 2^20-entry file for a random target; time per
 *       lookup.
 * </ul>
 *
 * <p>Only the chronicle benchmarks get the JVM flags chronicle-bytes needs on Java 17+ (and its analytics
 * switched off); Brook's own code runs without flags. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar MappedIndexComparison -f 1 -wi 2 -i 3 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MappedIndexComparisonBenchmark {
    private static final String EXPORT_NIO = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    private static final String EXPORT_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    private static final String OPEN_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    private static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";
    private static final int TARGETS = 1 << 16;

    /** Cycles through a fixed set of random targets so every run searches the same sequence. */
    @State(Scope.Thread)
    public static class Targets {
        private final int[] relative = IndexWorkload.randomRelativeTargets(TARGETS);
        private int next;

        /**
         * Returns the next target.
         *
         * @return a target offset relative to the base
         */
        int nextRelative() {
            next = (next + 1) & (TARGETS - 1);
            return relative[next];
        }
    }

    /** An empty {@link OffsetIndex} for the append benchmark. */
    @State(Scope.Thread)
    public static class EmptyOffsetIndex {
        Path dir;
        OffsetIndex index;

        /**
         * Creates the preallocated file.
         *
         * @throws IOException if it cannot be created
         */
        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = IndexWorkload.createDirectory();
            index = OffsetIndex.open(dir.resolve("00000000001000000000.index"), BASE_OFFSET, FILE_SIZE);
        }

        /**
         * Empties the index (zeroing what the last invocation wrote).
         *
         * @throws IOException if the file cannot be resized
         */
        @Setup(Level.Invocation)
        public void reset() throws IOException {
            index.reset();
        }

        /**
         * Deletes the file.
         *
         * @throws IOException if it cannot be deleted
         */
        @TearDown(Level.Trial)
        public void delete() throws IOException {
            index.deleteIfExists();
            IndexWorkload.deleteDirectory(dir);
        }
    }

    /** A full {@link OffsetIndex} for the lookup benchmark. */
    @State(Scope.Thread)
    public static class FullOffsetIndex extends EmptyOffsetIndex {
        /** Fills every slot. */
        @Setup(Level.Trial)
        public void fill() {
            for (int i = 0; i < ENTRIES; i++) {
                index.append(BASE_OFFSET + relativeOffset(i), position(i));
            }
        }

        /** Keeps the entries: lookups need them. */
        @Override
        @Setup(Level.Invocation)
        public void reset() {
        }
    }

    /** An empty bare {@code MappedByteBuffer} index for the append benchmark. */
    @State(Scope.Thread)
    public static class EmptyJdkEntries {
        Path dir;
        JdkMappedEntries entries;

        /**
         * Creates the preallocated file.
         *
         * @throws IOException if it cannot be created
         */
        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = IndexWorkload.createDirectory();
            entries = new JdkMappedEntries(dir.resolve("jdk.index"), FILE_SIZE);
        }

        /** Zeroes what the last invocation wrote. */
        @Setup(Level.Invocation)
        public void clear() {
            entries.clear();
        }

        /** Deletes the file. */
        @TearDown(Level.Trial)
        public void delete() {
            IndexWorkload.deleteDirectory(dir);
        }
    }

    /** A full bare {@code MappedByteBuffer} index for the lookup benchmark. */
    @State(Scope.Thread)
    public static class FullJdkEntries extends EmptyJdkEntries {
        /** Fills every slot. */
        @Setup(Level.Trial)
        public void fill() {
            for (int i = 0; i < ENTRIES; i++) {
                entries.append(relativeOffset(i), position(i));
            }
        }

        /** Keeps the entries: lookups need them. */
        @Override
        @Setup(Level.Invocation)
        public void clear() {
        }
    }

    /** An empty chronicle {@code MappedBytes} index for the append benchmark. */
    @State(Scope.Thread)
    public static class EmptyChronicleEntries {
        Path dir;
        ChronicleMappedEntries entries;

        /**
         * Creates the preallocated file.
         *
         * @throws IOException if it cannot be created
         */
        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = IndexWorkload.createDirectory();
            entries = new ChronicleMappedEntries(dir.resolve("chronicle.index"), FILE_SIZE);
        }

        /** Zeroes what the last invocation wrote. */
        @Setup(Level.Invocation)
        public void clear() {
            entries.clear();
        }

        /** Releases the mapping and deletes the file. */
        @TearDown(Level.Trial)
        public void delete() {
            entries.close();
            IndexWorkload.deleteDirectory(dir);
        }
    }

    /** A full chronicle {@code MappedBytes} index for the lookup benchmark. */
    @State(Scope.Thread)
    public static class FullChronicleEntries extends EmptyChronicleEntries {
        /** Fills every slot. */
        @Setup(Level.Trial)
        public void fill() {
            for (int i = 0; i < ENTRIES; i++) {
                entries.append(relativeOffset(i), position(i));
            }
        }

        /** Keeps the entries: lookups need them. */
        @Override
        @Setup(Level.Invocation)
        public void clear() {
        }
    }

    /**
     * Appends 2^20 entries to Brook's {@link OffsetIndex}.
     *
     * @param state the empty index
     */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void appendOffsetIndex(EmptyOffsetIndex state) {
        OffsetIndex index = state.index;
        for (int i = 0; i < ENTRIES; i++) {
            index.append(BASE_OFFSET + relativeOffset(i), position(i));
        }
    }

    /**
     * Appends 2^20 entries to a bare {@code MappedByteBuffer}.
     *
     * @param state the empty file
     */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void appendJdkMappedByteBuffer(EmptyJdkEntries state) {
        JdkMappedEntries entries = state.entries;
        for (int i = 0; i < ENTRIES; i++) {
            entries.append(relativeOffset(i), position(i));
        }
    }

    /**
     * Appends 2^20 entries to a chronicle {@code MappedBytes}.
     *
     * @param state the empty file
     */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    @Fork(jvmArgsAppend = {EXPORT_NIO, EXPORT_REF, OPEN_REFLECT, NO_ANALYTICS})
    public void appendChronicleMappedBytes(EmptyChronicleEntries state) {
        ChronicleMappedEntries entries = state.entries;
        for (int i = 0; i < ENTRIES; i++) {
            entries.append(relativeOffset(i), position(i));
        }
    }

    /**
     * One {@link OffsetIndex#lookup} of a random target.
     *
     * @param state the full index
     * @param targets the targets
     * @return the entry found
     */
    @Benchmark
    public OffsetPosition lookupOffsetIndex(FullOffsetIndex state, Targets targets) {
        return state.index.lookup(BASE_OFFSET + targets.nextRelative());
    }

    /**
     * One floor binary search of a random target in a bare {@code MappedByteBuffer}.
     *
     * @param state the full file
     * @param targets the targets
     * @return the position found
     */
    @Benchmark
    public int lookupJdkMappedByteBuffer(FullJdkEntries state, Targets targets) {
        return state.entries.floorPosition(targets.nextRelative());
    }

    /**
     * One floor binary search of a random target in a chronicle {@code MappedBytes}.
     *
     * @param state the full file
     * @param targets the targets
     * @return the position found
     */
    @Benchmark
    @Fork(jvmArgsAppend = {EXPORT_NIO, EXPORT_REF, OPEN_REFLECT, NO_ANALYTICS})
    public int lookupChronicleMappedBytes(FullChronicleEntries state, Targets targets) {
        return state.entries.floorPosition(targets.nextRelative());
    }
}

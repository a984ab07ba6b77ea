package dev.brook.benchmarks.index;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.MappedBytes;

/**
 * The same index layout as {@link JdkMappedEntries}, held in one chronicle-bytes {@link MappedBytes} mapping.
 * Chronicle writes native (little-endian) order, so every field is byte-swapped to keep Brook's big-endian
 * format, the same swap a big-endian {@code ByteBuffer} does on x86. Chronicle checks that a
 * {@code MappedBytes} is only used by the thread that first touched it, so every instance stays on one JMH
 * thread. Needs the JVM flags listed in {@code MappedIndexComparisonBenchmark}.
 */
final class ChronicleMappedEntries implements AutoCloseable {
    private final MappedBytes bytes;
    private int count;

    /**
     * Maps a file of {@code fileSize} bytes as a single chunk.
     *
     * @param file the file, created if missing
     * @param fileSize header plus entry slots
     * @throws FileNotFoundException if the file cannot be opened
     */
    ChronicleMappedEntries(Path file, int fileSize) throws FileNotFoundException {
        bytes = MappedBytes.singleMappedBytes(file.toFile(), fileSize);
    }

    /**
     * Writes the next entry.
     *
     * @param relativeOffset offset minus the base offset
     * @param position file position
     */
    void append(int relativeOffset, int position) {
        long at = 16 + 8L * count;
        bytes.writeInt(at, Integer.reverseBytes(relativeOffset));
        bytes.writeInt(at + 4, Integer.reverseBytes(position));
        count++;
    }

    /**
     * Finds the last entry at or below a target.
     *
     * @param relativeTarget target offset minus the base offset
     * @return that entry's position, or 0 when there is none
     */
    int floorPosition(int relativeTarget) {
        if (count == 0 || relativeOffsetAt(0) > relativeTarget) {
            return 0;
        }
        int low = 0;
        int high = count - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (relativeOffsetAt(mid) <= relativeTarget) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return Integer.reverseBytes(bytes.readInt(16 + 8L * low + 4));
    }

    private int relativeOffsetAt(int slot) {
        return Integer.reverseBytes(bytes.readInt(16 + 8L * slot));
    }

    /** Zeroes the entries written so far, as an index truncation must, and starts again. */
    void clear() {
        bytes.zeroOut(16, 16 + 8L * count);
        count = 0;
    }

    /** Releases the mapping. */
    @Override
    public void close() {
        bytes.releaseLast();
    }
}

package dev.brook.benchmarks.index;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The floor of what a JDK {@link MappedByteBuffer} index can cost: the same bytes as an
 * {@code OffsetIndex} (big-endian, 16-byte header) but no argument checks, no volatile count, no lock and a
 * plain binary search without the warm tail. Single-threaded; the mapping is left to the GC.
 */
final class JdkMappedEntries {
    private final MappedByteBuffer buffer;
    private int count;

    /**
     * Maps a file of {@code fileSize} bytes.
     *
     * @param file the file, created if missing
     * @param fileSize header plus entry slots
     * @throws IOException if the file cannot be mapped
     */
    JdkMappedEntries(Path file, int fileSize) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(fileSize);
            buffer = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, fileSize);
        }
    }

    /**
     * Writes the next entry.
     *
     * @param relativeOffset offset minus the base offset
     * @param position file position
     */
    void append(int relativeOffset, int position) {
        int at = 16 + 8 * count;
        buffer.putInt(at, relativeOffset);
        buffer.putInt(at + 4, position);
        count++;
    }

    /**
     * Finds the last entry at or below a target.
     *
     * @param relativeTarget target offset minus the base offset
     * @return that entry's position, or 0 when there is none
     */
    int floorPosition(int relativeTarget) {
        if (count == 0 || buffer.getInt(16) > relativeTarget) {
            return 0;
        }
        int low = 0;
        int high = count - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (buffer.getInt(16 + 8 * mid) <= relativeTarget) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return buffer.getInt(16 + 8 * low + 4);
    }

    /** Zeroes the entries written so far, as an index truncation must, and starts again. */
    void clear() {
        byte[] zeros = new byte[64 * 1024];
        for (int at = 16, end = 16 + 8 * count; at < end; at += zeros.length) {
            buffer.put(at, zeros, 0, Math.min(zeros.length, end - at));
        }
        count = 0;
    }
}

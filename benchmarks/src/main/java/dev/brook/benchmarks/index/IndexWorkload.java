package dev.brook.benchmarks.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The index every contestant builds and searches: {@link #ENTRIES} entries where entry {@code i} has relative
 * offset {@code 3(i+1)} and file position {@code 64(i+1)}, in a file preallocated to exactly that many.
 */
final class IndexWorkload {
    /** Entries per index: 2^20, about one million (an 8 MiB file, close to Kafka's 10 MiB default). */
    static final int ENTRIES = 1 << 20;
    /** Base offset of the benchmark segment. */
    static final long BASE_OFFSET = 1_000_000_000L;
    /** Header plus every entry. */
    static final int FILE_SIZE = 16 + 8 * ENTRIES;

    private IndexWorkload() {
    }

    /**
     * Relative offset of entry {@code i}.
     *
     * @param i entry number
     * @return its offset minus the base offset
     */
    static int relativeOffset(int i) {
        return 3 * (i + 1);
    }

    /**
     * File position of entry {@code i}.
     *
     * @param i entry number
     * @return its position in the log file
     */
    static int position(int i) {
        return 64 * (i + 1);
    }

    /**
     * Random lookup targets, spread evenly over the whole index (and a little outside it), so that lookups
     * mostly miss the warm tail and the CPU caches as a cold consumer's would.
     *
     * @param count how many, a power of two so callers can cycle with a mask
     * @return relative-offset targets
     */
    static int[] randomRelativeTargets(int count) {
        Random random = new Random(42);
        int[] targets = new int[count];
        for (int n = 0; n < count; n++) {
            targets[n] = random.nextInt(relativeOffset(ENTRIES) + 3);
        }
        return targets;
    }

    /**
     * Creates a directory for one trial's index file.
     *
     * @return the new directory
     */
    static Path createDirectory() {
        try {
            return Files.createTempDirectory("brook-index-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a directory made by {@link #createDirectory()}.
     *
     * @param dir the directory
     */
    static void deleteDirectory(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.brook.log.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random operations on a real index checked against a {@link TreeMap} from offset to entry. The
 * lifecycle operations (truncate by offset, trim, reopen, resize, reset, flush) are shared here; appends,
 * lookups and the kind's own operations live in the subclasses. Rerun a failure with {@code -Dbrook.seed=N}
 * (the seed is in every failure message).
 *
 * @param <I> the index type
 * @param <E> its entry type
 */
abstract class AbstractIndexModelTest<I extends AbstractMappedIndex<E>, E> {
    private static final int ROUNDS = 16;
    private static final int STEPS = 2_500;

    /** From {@code -Dbrook.seed}, else fresh every run. */
    final long seed = Long.getLong("brook.seed", System.nanoTime());
    final Random random = new Random(seed);
    /** The expected entries by absolute offset. */
    final TreeMap<Long, E> model = new TreeMap<>();
    long base;
    I index;
    /** Slots the index should have room for now. */
    int capacity;
    private int configuredSlots;
    private Path file;

    @TempDir
    Path dir;

    abstract IndexKind kind();

    abstract I open(Path file, long baseOffset, int maxIndexSize) throws IOException;

    abstract E fallback();

    /** One append attempt, valid or deliberately invalid, with its outcome checked and the model updated. */
    abstract void randomAppend();

    /** The field lookups search: the offset or the timestamp. */
    abstract long lookupKey(E entry);

    /** What the index answers for a target. */
    abstract E lookup(long target);

    /** What the index should answer for a target, from the model. */
    abstract E expectedLookup(long target);

    /** An operation only this kind has, or a sanity check. */
    abstract void randomOwnOperation() throws IOException;

    @Test
    void randomOperationsMatchTheTreeMapModel() throws IOException {
        for (int round = 0; round < ROUNDS; round++) {
            startRound(round);
            for (int step = 0; step < STEPS; step++) {
                String where = "seed=" + seed + " (rerun with -Dbrook.seed=" + seed + ") round=" + round
                        + " step=" + step + " base=" + base + " entries=" + model.size() + "/" + capacity;
                try {
                    randomOperation();
                    checkState(step % 100 == 0);
                } catch (Throwable t) {
                    throw new AssertionError(where + ": " + t.getMessage(), t);
                }
            }
            index.deleteIfExists();
        }
    }

    private void startRound(int round) throws IOException {
        base = random.nextBoolean() ? 0 : random.nextLong(1L << 40);
        // Mostly small indexes, which fill up; sometimes large ones, past the warm tail.
        configuredSlots = round % 4 == 0 ? 1_000 + random.nextInt(1_500) : 1 + random.nextInt(60);
        file = kind().file(Files.createDirectories(dir.resolve("round-" + round)), base);
        index = open(file, base, kind().sizeFor(configuredSlots) + random.nextInt(kind().entrySize));
        capacity = configuredSlots;
        model.clear();
        // Fill large indexes past the warm tail first, so that lookups take both the warm and the cold path.
        while (configuredSlots >= 1_000 && model.size() < configuredSlots * 9 / 10) {
            randomAppend();
        }
    }

    private void randomOperation() throws IOException {
        int op = random.nextInt(1_000);
        if (op < 550) {
            randomAppend();
        } else if (op < 780) {
            randomLookups();
        } else if (op < 840) {
            long offset = randomTruncationOffset();
            index.truncateTo(offset);
            model.tailMap(offset, true).clear();
        } else if (op < 860) {
            index.trimToValidSize();
            capacity = model.size();
        } else if (op < 890) {
            reopen();
        } else if (op < 910) {
            configuredSlots = 1 + random.nextInt(80);
            index.resize(kind().sizeFor(configuredSlots) + random.nextInt(kind().entrySize));
            capacity = Math.max(configuredSlots, model.size());
        } else if (op < 913) {
            index.reset();
            model.clear();
            capacity = configuredSlots;
        } else if (op < 920) {
            index.flush();
        } else {
            randomOwnOperation();
        }
    }

    private void reopen() throws IOException {
        index.close();
        if (random.nextBoolean()) {
            configuredSlots = 1 + random.nextInt(80);
        }
        index = open(file, base, kind().sizeFor(configuredSlots));
        capacity = Math.max(configuredSlots, model.size());
        assertThat(Files.size(file)).isEqualTo(kind().sizeFor(capacity));
    }

    /** Mostly near the tail, where real truncations happen, sometimes anywhere. */
    private long randomTruncationOffset() {
        long last = model.isEmpty() ? base : model.lastKey();
        if (random.nextInt(4) > 0) {
            return last - random.nextInt(60) + 2;
        }
        return base - 2 + random.nextLong(last - base + 5);
    }

    /**
     * Looks up random targets: anywhere from a little below the first key to past the last one, one off an
     * entry's key, and next to the boundary between the cold part and the warm tail of the search.
     */
    private void randomLookups() {
        List<E> entries = new ArrayList<>(model.values());
        long first = entries.isEmpty() ? 0 : lookupKey(entries.get(0));
        long last = entries.isEmpty() ? 0 : lookupKey(entries.get(entries.size() - 1));
        int warmBoundary = entries.size() - EntrySearch.WARM_TAIL_BYTES / kind().entrySize;
        for (int n = 0; n < 8; n++) {
            int choice = random.nextInt(20);
            long target;
            if (choice == 0) {
                target = random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            } else if (choice < 8 || entries.isEmpty()) {
                target = first - 3 + random.nextLong(last - first + 50);
            } else {
                int slot = choice < 14 ? random.nextInt(entries.size()) : warmBoundary - 2 + random.nextInt(4);
                target = lookupKey(entries.get(Math.max(0, Math.min(entries.size() - 1, slot))))
                        + random.nextInt(3) - 1;
            }
            assertThat(lookup(target)).as("lookup(%d)", target).isEqualTo(expectedLookup(target));
        }
    }

    /** Checks that an append throws and changes nothing. */
    void assertRefused(Runnable append, Class<? extends RuntimeException> type) {
        int before = index.entryCount();
        assertThatThrownBy(append::run).isInstanceOf(type);
        assertThat(index.entryCount()).isEqualTo(before);
    }

    private void checkState(boolean everyEntry) {
        assertThat(index.entryCount()).isEqualTo(model.size());
        assertThat(index.maxEntries()).isEqualTo(capacity);
        assertThat(index.isFull()).isEqualTo(model.size() >= capacity);
        assertThat(index.lastEntry()).isEqualTo(model.isEmpty() ? fallback() : model.lastEntry().getValue());
        if (everyEntry) {
            ArrayList<E> actual = new ArrayList<>();
            for (int n = 0; n < index.entryCount(); n++) {
                actual.add(index.entry(n));
            }
            assertThat(actual).containsExactlyElementsOf(model.values());
        }
    }

    /** The model's last entry, or null. */
    E lastModelEntry() {
        Map.Entry<Long, E> last = model.lastEntry();
        return last == null ? null : last.getValue();
    }
}

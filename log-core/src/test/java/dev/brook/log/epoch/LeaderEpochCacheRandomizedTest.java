package dev.brook.log.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.checkpoint.EpochEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives {@link LeaderEpochCache} with seeded random operations and checks it against a deliberately naive model
 * of Kafka's semantics after every step, reloading it from disk after every change. Rerun a failure with
 * {@code -Dbrook.seed=<seed>}; the seed is printed and part of every assertion message.
 */
class LeaderEpochCacheRandomizedTest {
    private static final int STEPS = 500;

    @TempDir
    Path dir;

    /** Epoch to start offset, with every rule written as directly as possible rather than efficiently. */
    private static final class Model {
        final TreeMap<Integer, Long> epochs = new TreeMap<>();

        void assign(int epoch, long startOffset) {
            Map.Entry<Integer, Long> latest = epochs.lastEntry();
            if (latest != null && latest.getKey() == epoch && startOffset >= latest.getValue()) {
                return;
            }
            epochs.entrySet().removeIf(e -> e.getKey() >= epoch || e.getValue() >= startOffset);
            epochs.put(epoch, startOffset);
        }

        void truncateFromEnd(long endOffset) {
            if (endOffset >= 0) {
                epochs.values().removeIf(start -> start >= endOffset);
            }
        }

        void truncateFromStart(long startOffset) {
            Integer covering = null;
            for (Map.Entry<Integer, Long> e : epochs.entrySet()) {
                if (e.getValue() <= startOffset) {
                    covering = e.getKey();
                }
            }
            if (covering != null) {
                epochs.values().removeIf(start -> start <= startOffset);
                epochs.put(covering, startOffset);
            }
        }

        List<EpochEntry> entries() {
            List<EpochEntry> list = new ArrayList<>();
            epochs.forEach((epoch, start) -> list.add(new EpochEntry(epoch, start)));
            return list;
        }

        OptionalInt epochForOffset(long offset) {
            OptionalInt found = OptionalInt.empty();
            for (Map.Entry<Integer, Long> e : epochs.entrySet()) {
                if (e.getValue() <= offset) {
                    found = OptionalInt.of(e.getKey());
                }
            }
            return found;
        }

        EpochEndOffset endOffsetFor(int requested, long logEndOffset) {
            if (requested == -1) {
                return new EpochEndOffset(-1, -1);
            }
            if (!epochs.isEmpty() && epochs.lastKey() == requested) {
                return new EpochEndOffset(requested, logEndOffset);
            }
            Integer below = null;
            Integer above = null;
            for (int epoch : epochs.keySet()) {
                if (epoch <= requested) {
                    below = epoch;
                } else if (above == null) {
                    above = epoch;
                }
            }
            if (above == null) {
                return new EpochEndOffset(-1, -1);
            }
            return new EpochEndOffset(below == null ? requested : below, epochs.get(above));
        }
    }

    @Test
    void matchesTheModelThroughRandomChangesAndReloads() throws IOException {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        System.out.println("LeaderEpochCacheRandomizedTest seed=" + seed + " (rerun with -Dbrook.seed=" + seed + ")");
        Random random = new Random(seed);
        Model model = new Model();
        LeaderEpochCache cache = LeaderEpochCache.load(dir);
        // A notional log: its end offset moves forward with appends and back with truncation.
        int epoch = 0;
        long logEndOffset = 0;
        int changes = 0;

        for (int step = 0; step < STEPS; step++) {
            String op = "?";
            try {
                int choice = random.nextInt(100);
                if (choice < 45) {
                    // Mostly the current or next epoch at the log end; sometimes an older epoch or an earlier offset.
                    if (random.nextInt(3) == 0) {
                        epoch += 1 + random.nextInt(3);
                    }
                    int assignEpoch = random.nextInt(8) == 0 ? random.nextInt(epoch + 1) : epoch;
                    long assignOffset = random.nextInt(8) == 0
                            ? (long) random.nextInt((int) logEndOffset + 1)
                            : logEndOffset;
                    op = "assign(" + assignEpoch + ", " + assignOffset + ")";
                    cache.assign(assignEpoch, assignOffset);
                    model.assign(assignEpoch, assignOffset);
                    logEndOffset = assignOffset + random.nextInt(20);
                } else if (choice < 60) {
                    long endOffset = random.nextInt(10) == 0 ? -1 : random.nextInt((int) logEndOffset + 2);
                    op = "truncateFromEnd(" + endOffset + ")";
                    cache.truncateFromEnd(endOffset);
                    model.truncateFromEnd(endOffset);
                    logEndOffset = Math.max(0, Math.min(logEndOffset, endOffset));
                } else if (choice < 75) {
                    long startOffset = random.nextInt((int) logEndOffset + 2);
                    op = "truncateFromStart(" + startOffset + ")";
                    cache.truncateFromStart(startOffset);
                    model.truncateFromStart(startOffset);
                    logEndOffset = Math.max(logEndOffset, startOffset);
                } else if (choice < 77) {
                    op = "clearAndFlush()";
                    cache.clearAndFlush();
                    model.epochs.clear();
                } else if (choice < 80) {
                    int badEpoch = random.nextBoolean() ? -1 - random.nextInt(5) : 0;
                    long badOffset = badEpoch < 0 ? 0 : -1 - random.nextInt(5);
                    op = "assign(" + badEpoch + ", " + badOffset + ") rejected";
                    LeaderEpochCache current = cache;
                    assertThatThrownBy(() -> current.assign(badEpoch, badOffset))
                            .as("seed %d step %d: %s", seed, step, op)
                            .isInstanceOf(IllegalArgumentException.class);
                } else {
                    op = "queries only";
                }
                String context = "seed " + seed + " step " + step + " after " + op + ", model " + model.epochs;

                List<EpochEntry> expected = model.entries();
                assertThat(cache.entries()).as(context).isEqualTo(expected);
                if (!op.equals("queries only")) {
                    changes++;
                    cache = LeaderEpochCache.load(dir);
                    assertThat(cache.entries()).as(context + " (reloaded)").isEqualTo(expected);
                }
                assertQueriesMatch(cache, model, random, logEndOffset, epoch, context);
            } catch (IOException | RuntimeException e) {
                // Unexpected exceptions need the seed as much as failed assertions do.
                throw new AssertionError("seed " + seed + " step " + step + " during " + op + ": " + e, e);
            }
        }
        assertThat(changes).as("seed %d", seed).isGreaterThan(STEPS / 2);
    }

    private static void assertQueriesMatch(LeaderEpochCache cache, Model model, Random random, long logEndOffset,
            int maxEpoch, String context) {
        assertThat(cache.latestEpoch()).as(context)
                .isEqualTo(model.epochs.isEmpty() ? OptionalInt.empty() : OptionalInt.of(model.epochs.lastKey()));
        for (int i = 0; i < 5; i++) {
            long offset = random.nextInt((int) logEndOffset + 3) - 1;
            assertThat(cache.epochForOffset(offset)).as(context + " epochForOffset(" + offset + ")")
                    .isEqualTo(model.epochForOffset(offset));
            int requested = random.nextInt(maxEpoch + 4) - 1;
            assertThat(cache.endOffsetFor(requested, logEndOffset))
                    .as(context + " endOffsetFor(" + requested + ", " + logEndOffset + ")")
                    .isEqualTo(model.endOffsetFor(requested, logEndOffset));
        }
        for (Map.Entry<Integer, Long> e : model.epochs.entrySet()) {
            assertThat(cache.epochForOffset(e.getValue())).as(context).hasValue(e.getKey());
            assertThat(cache.endOffsetFor(e.getKey(), logEndOffset)).as(context)
                    .isEqualTo(model.endOffsetFor(e.getKey(), logEndOffset));
        }
    }
}

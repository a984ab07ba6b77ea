package dev.brook.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.log.record.Compression;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded crash simulation: a log is written, part of it flushed, and the process "dies" (no clean-shutdown
 * marker; the directory is either left as is or copied while the log is open). The files are then damaged past
 * the recovery point the way a crash damages them: torn at a random byte, garbage appended, tails zeroed, bytes
 * flipped, index files deleted or emptied, index entries overwritten with garbage. On reopen the log must keep
 * exactly the batches before the first damaged byte, serve nothing after it, rebuild its indexes to exactly what
 * appends would have built, and go on appending at the right offset. Damage below the recovery point is not
 * looked for at open, but must be reported with file and position instead of being served. Rerun a failure with
 * {@code -Dbrook.seed=<seed>}.
 */
class LogCrashTest {
    private static final int SCENARIOS = 40;

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(1_000_000);

    @Test
    void damagePastTheRecoveryPointIsCutAndEverythingBeforeItSurvives() throws IOException {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        for (int i = 0; i < SCENARIOS; i++) {
            long scenarioSeed = seed + i;
            Scenario scenario = new Scenario(scenarioSeed, root.resolve("s" + i));
            try {
                scenario.run();
            } catch (Throwable t) {
                throw new AssertionError("seed " + scenarioSeed + ": " + scenario.describe() + ": " + t, t);
            }
        }
    }

    @Test
    void corruptionInTheFlushedPartIsReportedWithFileAndPositionNotServed() throws IOException {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        for (int i = 0; i < 10; i++) {
            long scenarioSeed = seed + i;
            Random random = new Random(scenarioSeed);
            Path dir = root.resolve("f" + i);
            LogConfig config = LogConfig.defaults().withSegmentBytes(2048 + random.nextInt(2048))
                    .withIndexIntervalBytes(random.nextInt(300)).withSegmentIndexBytes(4096);
            Log log = Log.open(dir, config, clock);
            for (int b = 0; b < 30; b++) {
                log.append(TestBatches.batch(1 + random.nextInt(3), 1000 + b, 20 + random.nextInt(100)), 0);
            }
            log.flush();
            log.checkpointRecoveryPoint();
            for (int b = 0; b < 5; b++) {
                log.append(TestBatches.batch(2, 5000 + b, 50), 0);
            }
            long end = log.logEndOffset();
            log.closeUncleanly();
            List<SegmentLayout.Placed> layout = SegmentLayout.read(dir);
            SegmentLayout.Placed victim = layout.get(random.nextInt(25));
            Path file = LogSegment.logPath(dir, victim.segmentBase());
            // A CRC-covered byte or the magic: either way the batch can no longer be trusted.
            int at = random.nextBoolean() ? RecordBatch.MAGIC_OFFSET
                    : RecordBatch.ATTRIBUTES_OFFSET + random.nextInt(victim.size() - RecordBatch.ATTRIBUTES_OFFSET);
            flipByte(file, victim.position() + at);
            String context = "seed " + scenarioSeed + ", batch " + victim + ", byte " + at;
            Log reopened = Log.open(dir, config, clock);
            try {
                // Flushed data is not rescanned at open, so the damage is found by the reads.
                if (reopened.logEndOffset() != end) {
                    // The damage lay where the open's structural check walks headers (from the last index entry
                    // of a trusted segment): the segment was recovered and cut at the damaged batch instead.
                    assertThat(reopened.logEndOffset()).as(context).isEqualTo(victim.baseOffset());
                    assertThat(reopened.read(victim.baseOffset(), 1 << 16).isEmpty()).as(context).isTrue();
                    continue;
                }
                for (long offset = victim.baseOffset(); offset <= victim.lastOffset(); offset++) {
                    try {
                        List<RecordBatch> served = reopened.read(offset, 1 << 16).batches();
                        throw new AssertionError(context + ": read at " + offset + " served " + served);
                    } catch (CorruptLogException e) {
                        assertThat(e.file()).as(context).isEqualTo(file);
                        assertThat(e.position()).as(context).isEqualTo(victim.position());
                    }
                }
                if (victim.lastOffset() + 1 < end) {
                    // Reached through the index the next batch is served; reached by walking over the damaged
                    // header, the damage is reported. Never anything else.
                    try {
                        assertThat(reopened.read(victim.lastOffset() + 1, 1 << 16).batches().get(0).baseOffset())
                                .as(context).isEqualTo(victim.lastOffset() + 1);
                    } catch (CorruptLogException e) {
                        assertThat(e.file()).as(context).isEqualTo(file);
                        assertThat(e.position()).as(context).isEqualTo(victim.position());
                    }
                }
            } finally {
                reopened.close();
            }
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x5A);
        }
    }

    /** One seeded write, crash, damage and recovery. */
    private final class Scenario {
        private final long seed;
        private final Random random;
        private final Path dir;
        private final List<String> damage = new ArrayList<>();
        private final Map<Long, Long> timestamps = new HashMap<>();
        private LogConfig config;
        private long recoveryPoint;
        private boolean copied;

        Scenario(long seed, Path dir) {
            this.seed = seed;
            this.random = new Random(seed);
            this.dir = dir;
        }

        String describe() {
            return "config " + config + ", recovery point " + recoveryPoint + (copied ? ", copied" : "")
                    + ", damage " + damage;
        }

        void run() throws IOException {
            config = LogConfig.defaults()
                    .withSegmentBytes(1024 + random.nextInt(3000))
                    .withIndexIntervalBytes(random.nextInt(4) == 0 ? 0 : random.nextInt(400))
                    .withSegmentIndexBytes(random.nextBoolean() ? 4096 : 64 + random.nextInt(6) * 24)
                    .withFileDeleteDelayMs(0);
            Path target = write();
            List<SegmentLayout.Placed> layout = SegmentLayout.read(target);
            long lossFrom = damage(target, layout);
            List<SegmentLayout.Placed> kept = layout.stream().filter(b -> b.lastOffset() < lossFrom).toList();
            long expectedEnd = kept.isEmpty() ? 0 : kept.get(kept.size() - 1).lastOffset() + 1;
            verify(target, kept, expectedEnd);
        }

        /** Writes, flushes part, and crashes; returns the directory to recover (the original or a copy). */
        private Path write() throws IOException {
            Path original = Files.createDirectories(dir.resolve("log"));
            Log log = Log.open(original, config, clock);
            int batches = 20 + random.nextInt(50);
            int flushAfter = random.nextInt(batches + 1);
            for (int i = 0; i < batches; i++) {
                if (i == flushAfter) {
                    log.flush();
                    log.checkpointRecoveryPoint();
                }
                append(log);
            }
            recoveryPoint = log.recoveryPoint();
            copied = random.nextBoolean();
            Path target = original;
            if (copied) {
                // What a snapshot of a running process's files looks like: indexes still preallocated.
                target = Files.createDirectories(dir.resolve("copy"));
                for (Path file : SegmentLayout.files(original, "")) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
            log.closeUncleanly();
            return target;
        }

        private LogAppendInfo append(Log log) {
            RecordBatchBuilder builder = new RecordBatchBuilder(Compression.NONE);
            int records = 1 + random.nextInt(4);
            long[] ts = new long[records];
            for (int r = 0; r < records; r++) {
                ts[r] = 10_000 + log.logEndOffset() * 10 + random.nextInt(100) - 50;
                // Random, not zero, values: zeroing a tail must change the bytes it zeroes.
                byte[] value = new byte[1 + random.nextInt(random.nextInt(5) == 0 ? 600 : 80)];
                random.nextBytes(value);
                value[value.length - 1] = (byte) (1 + random.nextInt(255));
                builder.append(ts[r], null, value);
            }
            LogAppendInfo info = log.append(builder.build(), 0);
            for (int r = 0; r < records; r++) {
                timestamps.put(info.firstOffset() + r, ts[r]);
            }
            return info;
        }

        /** Damages the files past the recovery point; returns the first offset whose batch was damaged. */
        private long damage(Path target, List<SegmentLayout.Placed> layout) throws IOException {
            List<SegmentLayout.Placed> unflushed = layout.stream().filter(b -> b.baseOffset() >= recoveryPoint)
                    .toList();
            long lossFrom = Long.MAX_VALUE;
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                int kind = random.nextInt(7);
                if (kind <= 2 && unflushed.isEmpty()) {
                    kind = 3 + random.nextInt(4);
                }
                SegmentLayout.Placed victim = kind <= 2 ? unflushed.get(random.nextInt(unflushed.size())) : null;
                Path log = victim == null ? null : LogSegment.logPath(target, victim.segmentBase());
                switch (kind) {
                    case 0 -> {
                        int at = victim.position() + (random.nextBoolean() ? 0 : random.nextInt(victim.size()));
                        damage.add("torn at " + at + " of " + log.getFileName());
                        try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "rw")) {
                            raf.setLength(Math.min(raf.length(), at));
                        }
                        lossFrom = Math.min(lossFrom, victim.baseOffset());
                    }
                    case 1 -> {
                        int at = victim.position() + random.nextInt(victim.size());
                        damage.add("zeroed from " + at + " of " + log.getFileName());
                        try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "rw")) {
                            if (raf.length() > at) {
                                raf.seek(at);
                                raf.write(new byte[(int) (raf.length() - at)]);
                            }
                        }
                        lossFrom = Math.min(lossFrom, victim.baseOffset());
                    }
                    case 2 -> {
                        // The length, magic, CRC or CRC-covered bytes (base offset and epoch are not covered).
                        int at = random.nextBoolean() ? RecordBatch.LENGTH_OFFSET + random.nextInt(4)
                                : RecordBatch.MAGIC_OFFSET + random.nextInt(victim.size() - RecordBatch.MAGIC_OFFSET);
                        damage.add("flipped byte " + (victim.position() + at) + " of " + log.getFileName());
                        if (victim.position() + at < Files.size(log)) {
                            flipByte(log, victim.position() + at);
                            lossFrom = Math.min(lossFrom, victim.baseOffset());
                        }
                    }
                    case 3 -> {
                        List<Path> logs = SegmentLayout.files(target, LogSegment.LOG_SUFFIX);
                        Path last = logs.get(logs.size() - 1);
                        byte[] garbage = new byte[1 + random.nextInt(300)];
                        random.nextBytes(garbage);
                        damage.add(garbage.length + " garbage bytes after " + last.getFileName());
                        Files.write(last, garbage, java.nio.file.StandardOpenOption.APPEND);
                    }
                    case 4, 5 -> {
                        List<Path> indexes = new ArrayList<>(SegmentLayout.files(target, LogSegment.INDEX_SUFFIX));
                        indexes.addAll(SegmentLayout.files(target, LogSegment.TIME_INDEX_SUFFIX));
                        Path index = indexes.get(random.nextInt(indexes.size()));
                        if (kind == 4) {
                            damage.add("deleted " + index.getFileName());
                            Files.delete(index);
                        } else {
                            damage.add("emptied " + index.getFileName());
                            Files.write(index, new byte[0]);
                        }
                    }
                    default -> garbageIndexEntries(target, layout);
                }
            }
            return lossFrom;
        }

        /** Overwrites index entries that describe batches past the recovery point with garbage. */
        private void garbageIndexEntries(Path target, List<SegmentLayout.Placed> layout) throws IOException {
            List<SegmentLayout.Placed> unflushed = layout.stream().filter(b -> b.baseOffset() >= recoveryPoint)
                    .toList();
            long segment = unflushed.isEmpty() ? layout.get(layout.size() - 1).segmentBase()
                    : unflushed.get(random.nextInt(unflushed.size())).segmentBase();
            boolean time = random.nextBoolean();
            Path index = time ? LogSegment.timeIndexPath(target, segment) : LogSegment.indexPath(target, segment);
            if (!Files.exists(index)) {
                return;
            }
            int entrySize = time ? 12 : 8;
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(index));
            int slots = (bytes.limit() - 16) / entrySize;
            // The first slot past the recovery point: entries (or free slots) for unflushed batches only.
            int first = 0;
            while (first < slots) {
                int at = 16 + first * entrySize;
                long relative = time ? bytes.getInt(at + 8) : bytes.getInt(at);
                if (relative == 0 || segment + relative >= recoveryPoint) {
                    break;
                }
                first++;
            }
            if (first >= slots) {
                return;
            }
            int slot = first + random.nextInt(Math.min(3, slots - first));
            int at = 16 + slot * entrySize;
            String what;
            switch (random.nextInt(4)) {
                case 0 -> {
                    what = "negative position";
                    bytes.putInt(at + (time ? 8 : 0), 1 + slot * 1000).putInt(at + (time ? 0 : 4), -1 - slot);
                }
                case 1 -> {
                    what = "position past the file";
                    bytes.putInt(at + (time ? 8 : 0), 1 + slot * 1000);
                    bytes.putInt(at + (time ? 0 : 4), 1 << 30);
                }
                case 2 -> {
                    what = "non-increasing offset";
                    bytes.putInt(at + (time ? 8 : 0), 1);
                    bytes.putInt(at + (time ? 0 : 4), 1);
                }
                default -> {
                    what = "random bytes";
                    byte[] noise = new byte[entrySize];
                    random.nextBytes(noise);
                    bytes.put(at, noise);
                }
            }
            damage.add(what + " in slot " + slot + " of " + index.getFileName());
            Files.write(index, bytes.array());
        }

        private void verify(Path target, List<SegmentLayout.Placed> kept, long expectedEnd) throws IOException {
            Log log = Log.open(target, config, clock);
            try {
                assertThat(log.logStartOffset()).isZero();
                assertThat(log.logEndOffset()).as("log end offset").isEqualTo(expectedEnd);
                checkReads(log, kept, expectedEnd);
                LogAppendInfo info = append(log);
                assertThat(info.firstOffset()).as("offset of the first append after recovery").isEqualTo(expectedEnd);
                assertThat(log.read(expectedEnd, 1 << 16).batches()).extracting(RecordBatch::baseOffset)
                        .containsExactly(expectedEnd);
            } finally {
                log.close();
            }
            // Cleanly closed: the files hold exactly the kept batches plus the new one, and indexes as appends build.
            List<SegmentLayout.Placed> onDisk = SegmentLayout.read(target);
            assertThat(onDisk.subList(0, kept.size())).as("batches after recovery").isEqualTo(kept);
            assertThat(onDisk).hasSize(kept.size() + 1);
            SegmentLayout.checkIndexes(target, onDisk, config, "after recovery");
            Log reopened = Log.open(target, config, clock);
            try {
                checkReads(reopened, onDisk, onDisk.get(onDisk.size() - 1).lastOffset() + 1);
            } finally {
                reopened.close();
            }
        }

        private void checkReads(Log log, List<SegmentLayout.Placed> batches, long end) throws IOException {
            long next = 0;
            int index = 0;
            while (next < end) {
                List<RecordBatch> got = log.read(next, 1 << 16).batches();
                assertThat(got).as("read at %d", next).isNotEmpty();
                for (RecordBatch batch : got) {
                    SegmentLayout.Placed expected = batches.get(index++);
                    assertThat(batch.baseOffset()).isEqualTo(expected.baseOffset());
                    assertThat(batch.lastOffset()).isEqualTo(expected.lastOffset());
                    assertThat(batch.sizeInBytes()).isEqualTo(expected.size());
                    next = batch.nextOffset();
                }
            }
            assertThat(next).isEqualTo(end);
            assertThat(log.read(end, 1 << 16).isEmpty()).as("nothing past the log end").isTrue();
            for (SegmentLayout.Placed batch : batches) {
                long offset = batch.baseOffset() + random.nextInt((int) (batch.lastOffset() - batch.baseOffset() + 1));
                assertThat(log.read(offset, 1).batches().get(0).baseOffset()).as("lookup of %d", offset)
                        .isEqualTo(batch.baseOffset());
            }
            for (int i = 0; i < 10; i++) {
                long ts = 10_000 + random.nextInt((int) (end * 10 + 200)) - 100;
                assertThat(log.offsetForTimestamp(ts)).as("offsetForTimestamp(%d)", ts)
                        .isEqualTo(expectedTimeLookup(ts, end));
            }
        }

        private Optional<TimestampAndOffset> expectedTimeLookup(long target, long end) {
            for (long offset = 0; offset < end; offset++) {
                long ts = timestamps.get(offset);
                if (ts >= target) {
                    return Optional.of(new TimestampAndOffset(ts, offset));
                }
            }
            return Optional.empty();
        }
    }
}

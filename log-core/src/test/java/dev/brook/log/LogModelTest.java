package dev.brook.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.Compression;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.log.record.TimestampType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded, model-based test of {@link Log}: random appends (one or several batches, CreateTime and
 * LogAppendTime), reads, time lookups, truncations, log start offset moves, retention, rolls and clean reopens,
 * with small segments and indexes so that rolls and full indexes are frequent. After every operation the log
 * must agree with {@link LogModel}. Rerun a failure with {@code -Dbrook.seed=<seed>}.
 */
class LogModelTest {
    private static final int RUNS = 4;
    private static final int OPS = 300;

    @TempDir
    Path root;

    @Test
    void logAgreesWithTheModel() throws IOException {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        for (int run = 0; run < RUNS; run++) {
            new Run(seed + run, Files.createDirectory(root.resolve("run" + run))).execute();
        }
    }

    /** One seeded sequence of operations against one log directory. */
    private static final class Run {
        private final long seed;
        private final Random random;
        private final Path dir;
        private final MutableClock clock = new MutableClock(1_000_000);
        private final LogModel model = new LogModel();
        private LogConfig config;
        private Log log;
        private long nextId;
        private int epoch;
        private String lastOp = "open";

        Run(long seed, Path dir) {
            this.seed = seed;
            this.random = new Random(seed);
            this.dir = dir;
        }

        void execute() throws IOException {
            config = randomConfig();
            log = Log.open(dir, config, clock);
            int op = 0;
            try {
                for (op = 0; op < OPS; op++) {
                    step();
                    check();
                }
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ", operation " + op + " (" + lastOp + "), config "
                        + config + ": " + t, t);
            } finally {
                log.close();
            }
        }

        private LogConfig randomConfig() {
            return LogConfig.defaults()
                    .withSegmentBytes(1024 + random.nextInt(6 * 1024))
                    .withSegmentIndexBytes(64 + random.nextInt(4) * 24)
                    .withIndexIntervalBytes(random.nextInt(4) == 0 ? 0 : random.nextInt(600))
                    .withSegmentMs(random.nextBoolean() ? 7L * 24 * 3600 * 1000 : 2_000 + random.nextInt(20_000))
                    .withFileDeleteDelayMs(0)
                    .withRetentionMs(-1)
                    .withRetentionBytes(-1)
                    .withTimestampType(random.nextInt(4) == 0 ? TimestampType.LOG_APPEND_TIME
                            : TimestampType.CREATE_TIME)
                    // Flushing (fsync) is slow and changes nothing a reader sees; LogCrashTest covers it.
                    .withFlushPolicy(FlushPolicy.os());
        }

        private void step() throws IOException {
            clock.advance(random.nextInt(400));
            int dice = random.nextInt(100);
            if (dice < 50) {
                append();
            } else if (dice < 57) {
                long offset = model.logStartOffset() - 2 + (long) random.nextInt(
                        (int) (model.logEndOffset() - model.logStartOffset()) + 5);
                lastOp = "truncateTo " + offset;
                log.truncateTo(Math.max(0, offset));
                model.truncateTo(Math.max(0, offset));
            } else if (dice < 64) {
                long offset = randomOffsetInLog();
                lastOp = "advanceLogStartOffset " + offset;
                log.advanceLogStartOffset(offset);
                model.advanceLogStartOffset(offset);
            } else if (dice < 69) {
                retention();
            } else if (dice < 76) {
                lastOp = "roll";
                log.roll();
            } else if (dice < 82) {
                reopen();
            } else if (dice < 86) {
                TimestampType type = random.nextBoolean() ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
                lastOp = "timestamp type " + type;
                config = config.withTimestampType(type);
                log.updateConfig(config);
            } else {
                lastOp = "reads";
            }
        }

        private long randomOffsetInLog() {
            return model.logStartOffset()
                    + (long) random.nextInt((int) (model.logEndOffset() - model.logStartOffset()) + 1);
        }

        private void append() {
            int batchCount = random.nextInt(5) == 0 ? 2 + random.nextInt(4) : 1;
            List<ByteBuffer> built = new ArrayList<>();
            List<long[]> timestamps = new ArrayList<>();
            List<long[]> ids = new ArrayList<>();
            List<int[]> sizes = new ArrayList<>();
            int total = 0;
            for (int b = 0; b < batchCount; b++) {
                int records = 1 + random.nextInt(random.nextInt(4) == 0 ? 20 : 4);
                RecordBatchBuilder builder = new RecordBatchBuilder(Compression.NONE);
                long[] ts = new long[records];
                long[] id = new long[records];
                int[] size = new int[records];
                for (int r = 0; r < records; r++) {
                    // Mostly near the clock, sometimes far in the past or ahead: timestamps need not increase.
                    ts[r] = switch (random.nextInt(10)) {
                        case 0 -> random.nextInt(1000);
                        case 1 -> clock.millis() + random.nextInt(5000);
                        default -> Math.max(0, clock.millis() - random.nextInt(3000));
                    };
                    id[r] = nextId++;
                    size[r] = 8 + random.nextInt(random.nextInt(3) == 0 ? 400 : 60);
                    ByteBuffer value = ByteBuffer.allocate(size[r]);
                    value.putLong(0, id[r]);
                    builder.append(ts[r], random.nextBoolean() ? null : ByteBuffer.wrap(new byte[] {(byte) r}),
                            value);
                }
                ByteBuffer batch = builder.build();
                total += batch.remaining();
                built.add(batch);
                timestamps.add(ts);
                ids.add(id);
                sizes.add(size);
            }
            ByteBuffer all = ByteBuffer.allocate(total);
            built.forEach(all::put);
            all.flip();
            boolean logAppendTime = config.timestampType() == TimestampType.LOG_APPEND_TIME;
            lastOp = "append " + batchCount + " batch(es), " + total + " bytes" + (logAppendTime ? ", LAT" : "");
            if (random.nextInt(20) == 0) {
                epoch++;
            }
            LogAppendInfo info = log.append(all, epoch);
            assertThat(info.firstOffset()).isEqualTo(model.logEndOffset());
            for (int b = 0; b < batchCount; b++) {
                long[] ts = timestamps.get(b);
                if (logAppendTime) {
                    java.util.Arrays.fill(ts, clock.millis());
                }
                model.append(built.get(b).limit(), logAppendTime, ts, ids.get(b), sizes.get(b));
            }
            assertThat(info.lastOffset()).isEqualTo(model.logEndOffset() - 1);
        }

        private void retention() {
            long retentionBytes = random.nextBoolean() ? -1 : random.nextInt(20_000);
            long retentionMs = retentionBytes >= 0 && random.nextBoolean() ? -1 : random.nextInt(30_000);
            lastOp = "retention bytes=" + retentionBytes + " ms=" + retentionMs;
            long endBefore = log.logEndOffset();
            log.updateConfig(config.withRetentionBytes(retentionBytes).withRetentionMs(retentionMs));
            log.deleteRetainedSegments();
            log.updateConfig(config);
            // Which segments go depends on their sizes and times; the model follows the log start the log reports,
            // which must be a segment boundary at or above the old one.
            long newStart = log.logStartOffset();
            assertThat(newStart).isBetween(model.logStartOffset(), endBefore);
            assertThat(log.logEndOffset()).isEqualTo(endBefore);
            if (newStart != model.logStartOffset()) {
                assertThat(log.segmentBaseOffsets().get(0)).isEqualTo(newStart);
                assertThat(model.batches().stream().anyMatch(b -> b.baseOffset() == newStart)
                        || newStart == endBefore).isTrue();
            }
            model.advanceLogStartOffset(newStart);
        }

        private void reopen() {
            lastOp = "close and reopen";
            log.close();
            if (random.nextBoolean()) {
                config = config.withSegmentIndexBytes(64 + random.nextInt(4) * 24)
                        .withSegmentBytes(1024 + random.nextInt(6 * 1024));
            }
            log = Log.open(dir, config, clock);
        }

        private void check() throws IOException {
            assertThat(log.logStartOffset()).as("log start offset").isEqualTo(model.logStartOffset());
            assertThat(log.logEndOffset()).as("log end offset").isEqualTo(model.logEndOffset());
            checkFullScan();
            for (int i = 0; i < 3; i++) {
                long start = randomOffsetInLog();
                int maxBytes = random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(4000);
                long maxOffset = random.nextInt(3) == 0 ? start + random.nextInt(30) : Long.MAX_VALUE;
                checkRead(start, maxBytes, maxOffset, random.nextBoolean());
            }
            for (int i = 0; i < 3; i++) {
                checkTimeLookup(randomTimestamp());
            }
        }

        private long randomTimestamp() {
            List<LogModel.Batch> batches = model.batches();
            if (batches.isEmpty() || random.nextInt(4) == 0) {
                return random.nextInt(1000) + (random.nextBoolean() ? clock.millis() : 0);
            }
            LogModel.Batch batch = batches.get(random.nextInt(batches.size()));
            long ts = batch.records().get(random.nextInt(batch.records().size())).timestamp();
            return ts + random.nextInt(3) - 1;
        }

        private void checkTimeLookup(long target) {
            assertThat(log.offsetForTimestamp(target)).as("offsetForTimestamp(%d)", target)
                    .isEqualTo(model.offsetForTimestamp(target));
        }

        /** Reads the whole readable log with a generous maxBytes and compares it batch by batch. */
        private void checkFullScan() throws IOException {
            long next = model.logStartOffset();
            int index = next < model.logEndOffset() ? model.batchIndexHolding(next) : model.batches().size();
            while (next < model.logEndOffset()) {
                List<RecordBatch> got = log.read(next, 1 << 16).batches();
                assertThat(got).as("full scan at %d", next).isNotEmpty();
                for (RecordBatch batch : got) {
                    assertBatch(batch, model.batches().get(index++));
                    next = batch.nextOffset();
                }
            }
            assertThat(index).isEqualTo(model.batches().size());
        }

        private void checkRead(long start, int maxBytes, long maxOffset, boolean minOneBatch) throws IOException {
            String what = "read(" + start + ", " + maxBytes + ", " + maxOffset + ", " + minOneBatch + ")";
            LogReadResult result = log.read(start, maxBytes, maxOffset, minOneBatch);
            assertThat(result.logStartOffset()).as(what).isEqualTo(model.logStartOffset());
            assertThat(result.logEndOffset()).as(what).isEqualTo(model.logEndOffset());
            List<RecordBatch> got = result.batches();
            long limit = Math.min(maxOffset, model.logEndOffset());
            int first = model.batchIndexHolding(start);
            if (start >= limit || model.batches().get(first).lastOffset() >= limit
                    || (!minOneBatch && model.batches().get(first).sizeInBytes() > maxBytes)) {
                assertThat(got).as(what + " must be empty").isEmpty();
                return;
            }
            assertThat(got).as(what).isNotEmpty();
            long total = 0;
            for (int i = 0; i < got.size(); i++) {
                LogModel.Batch expected = model.batches().get(first + i);
                assertBatch(got.get(i), expected);
                assertThat(expected.lastOffset()).as(what).isLessThan(limit);
                total += expected.sizeInBytes();
            }
            if (!(minOneBatch && got.size() == 1)) {
                assertThat(total).as(what + " size").isLessThanOrEqualTo(maxBytes);
            }
            int after = first + got.size();
            if (after < model.batches().size()) {
                LogModel.Batch next = model.batches().get(after);
                if (next.lastOffset() < limit && total + next.sizeInBytes() <= maxBytes) {
                    // The read could have taken the next batch: it may stop only at a segment boundary.
                    assertThat(log.segmentBaseOffsets()).as(what + " stopped early").contains(next.baseOffset());
                }
            }
        }

        private void assertBatch(RecordBatch batch, LogModel.Batch expected) {
            assertThat(batch.baseOffset()).as("base offset").isEqualTo(expected.baseOffset());
            assertThat(batch.lastOffset()).as("last offset").isEqualTo(expected.lastOffset());
            assertThat(batch.sizeInBytes()).as("size").isEqualTo(expected.sizeInBytes());
            assertThat(batch.timestampType() == TimestampType.LOG_APPEND_TIME).isEqualTo(expected.logAppendTime());
            int i = 0;
            try (CloseableIterator<Record> records = batch.records()) {
                while (records.hasNext()) {
                    Record record = records.next();
                    LogModel.Rec rec = expected.records().get(i++);
                    assertThat(record.offset()).isEqualTo(rec.offset());
                    assertThat(record.timestamp()).as("timestamp at %d", rec.offset()).isEqualTo(rec.timestamp());
                    assertThat(record.valueSize()).isEqualTo(rec.valueSize());
                    assertThat(record.value().getLong(record.value().position())).as("id at %d", rec.offset())
                            .isEqualTo(rec.id());
                }
            }
            assertThat(i).isEqualTo(expected.records().size());
        }
    }
}

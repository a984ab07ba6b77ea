package dev.brook.log.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random batches through build → validate → decode. Rerun a failure with {@code -Dbrook.seed=<seed>}.
 */
class RandomizedRoundTripTest {
    private static final int BATCHES = 200;

    @Test
    void randomBatchesRoundTrip() {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        RandomRecords generator = new RandomRecords(random);
        List<ByteBuffer> built = new ArrayList<>();
        List<List<RandomRecords.Spec>> allSpecs = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            int iteration = i;
            withSeed(seed, iteration, () -> {
                Compression codec = generator.codec();
                List<RandomRecords.Spec> specs = generator.specs(1 + random.nextInt(40));
                ByteBuffer batch = generator.builder(codec, specs).build();
                assertRoundTrip(batch, codec, specs);
                built.add(batch);
                allSpecs.add(specs);
            });
        }
        withSeed(seed, BATCHES, () -> assertConcatenationSplitsBack(built, allSpecs));
    }

    private static void assertRoundTrip(ByteBuffer built, Compression codec, List<RandomRecords.Spec> specs) {
        RecordBatch batch = RecordBatch.wrap(built);
        BatchSummary summary = BatchValidator.validate(batch);
        assertThat(batch.compression()).isEqualTo(codec);
        assertThat(summary.recordCount()).isEqualTo(specs.size());
        long expectedMax = specs.stream().mapToLong(RandomRecords.Spec::timestamp).max().orElseThrow();
        assertThat(summary.maxTimestamp()).isEqualTo(expectedMax);
        assertThat(batch.maxTimestamp()).isEqualTo(expectedMax);
        assertThat(specs.get(summary.offsetDeltaOfMaxTimestamp()).timestamp()).isEqualTo(expectedMax);
        assertThat(summary.hasNullKey()).isEqualTo(specs.stream().anyMatch(s -> s.key() == null));
        if (codec == Compression.NONE) {
            assertThat(summary.uncompressedSizeInBytes()).isEqualTo(batch.sizeInBytes());
        }

        List<Record> records = TestBatches.decode(built);
        assertThat(records).hasSameSizeAs(specs);
        for (int i = 0; i < specs.size(); i++) {
            RandomRecords.Spec spec = specs.get(i);
            Record record = records.get(i);
            assertThat(record.offset()).isEqualTo(batch.baseOffset() + i);
            assertThat(record.timestamp()).isEqualTo(spec.timestamp());
            assertThat(TestBatches.bytes(record.key())).isEqualTo(spec.key());
            assertThat(TestBatches.bytes(record.value())).isEqualTo(spec.value());
            assertThat(record.headers()).containsExactly(spec.headers());
        }
    }

    private static void assertConcatenationSplitsBack(List<ByteBuffer> built, List<List<RandomRecords.Spec>> specs) {
        int size = built.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer payload = ByteBuffer.allocate(size);
        built.forEach(b -> payload.put(b.duplicate()));
        payload.flip();
        Iterator<RecordBatch> batches = RecordBatches.of(payload).iterator();
        for (int i = 0; i < built.size(); i++) {
            RecordBatch batch = batches.next();
            assertThat(batch.buffer()).isEqualTo(built.get(i));
            assertThat(BatchValidator.validate(batch).recordCount()).isEqualTo(specs.get(i).size());
        }
        assertThat(batches.hasNext()).isFalse();
    }

    /** Runs {@code check}, reporting any failure together with the seed that reproduces it. */
    static void withSeed(long seed, int iteration, Runnable check) {
        try {
            check.run();
        } catch (Throwable t) {
            throw new AssertionError("failed with -Dbrook.seed=" + seed + " at iteration " + iteration + ": " + t, t);
        }
    }

    @Test
    void headersOfAllShapesSurviveEveryCodec() {
        Header[] headers = {new Header("", null), new Header("k", new byte[0]), new Header("ünïcødé ✓", new byte[300]),
            new Header("dup", new byte[] {1}), new Header("dup", new byte[] {2})};
        for (Compression codec : Arrays.asList(Compression.NONE, Compression.GZIP, Compression.LZ4)) {
            ByteBuffer built = new RecordBatchBuilder(codec).append(0, null, (byte[]) null, headers).build();
            BatchValidator.validate(RecordBatch.wrap(built));
            assertThat(TestBatches.decode(built).get(0).headers()).containsExactly(headers);
        }
    }
}

package dev.brook.log.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of validation and decoding: valid batches of every codec are damaged at random (bytes flipped,
 * cut short, lengths and counts forged, records section rewritten behind a fixed-up CRC) and must then either
 * validate or fail with an {@link InvalidBatchException}. Any other throwable, a buffer, allocation or codec error
 * included, fails the test with the seed. Rerun a failure with {@code -Dbrook.seed=<seed>}.
 */
class BatchFuzzTest {
    /** A few seconds at most by default; raise it with -Dbrook.fuzz.iterations for a deeper local run. */
    private static final int ITERATIONS = Integer.getInteger("brook.fuzz.iterations", 4000);
    private static final long DECODE_CAP = 4L * 1024 * 1024;
    private static final int[] EDGE_INTS = {0, 1, -1, -2, 2, 127, 128, -129, 1 << 20, Integer.MAX_VALUE,
        Integer.MIN_VALUE, Integer.MAX_VALUE - 1, 61, 1 << 30};

    private enum Mutation {
        FLIP_BYTES,
        FLIP_BYTES_FIX_CRC,
        TRUNCATE,
        FORGE_LENGTH,
        FORGE_HEADER_FIELD,
        REWRITE_RECORDS
    }

    @Test
    void damagedBatchesOnlyEverFailWithInvalidBatchException() {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        List<ByteBuffer> pool = validBatches(random);
        int[] outcomes = new int[2];
        for (int i = 0; i < ITERATIONS; i++) {
            ByteBuffer original = pool.get(random.nextInt(pool.size()));
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            ByteBuffer damaged = mutate(original, mutation, random);
            String context = "-Dbrook.seed=" + seed + ", iteration " + i + ", " + mutation;
            boolean valid = check(damaged, context);
            outcomes[valid ? 0 : 1]++;
            if (valid && mutation == Mutation.FLIP_BYTES) {
                assertOnlyUncoveredFieldsChanged(original, damaged, context);
            }
            decodeWithoutValidation(damaged, context);
        }
        // The mutations must mostly hit: a fuzzer whose inputs all stay valid tests nothing.
        assertThat(outcomes[1]).as("rejected batches, seed %d", seed).isGreaterThan(ITERATIONS / 2);
    }

    /** Validates; true if the batch passed, false if it was refused as it should be. */
    private static boolean check(ByteBuffer damaged, String context) {
        try {
            BatchSummary summary = BatchValidator.validate(RecordBatch.wrap(damaged), DECODE_CAP);
            assertThat(summary.recordCount()).as(context).isPositive();
            return true;
        } catch (InvalidBatchException expected) {
            assertThat(expected.getMessage()).as(context).isNotBlank();
            return false;
        } catch (Throwable t) {
            throw new AssertionError("validation threw " + t + " with " + context + "; batch "
                    + Arrays.toString(TestBatches.bytes(damaged)), t);
        }
    }

    /** The decoder guards itself too: callers such as recovery iterate records of batches with a bad CRC. */
    private static void decodeWithoutValidation(ByteBuffer damaged, String context) {
        try (CloseableIterator<Record> records = RecordBatch.wrap(damaged).records(DECODE_CAP)) {
            while (records.hasNext()) {
                records.next();
            }
        } catch (InvalidBatchException expected) {
            // Refused: fine.
        } catch (Throwable t) {
            throw new AssertionError("decoding threw " + t + " with " + context + "; batch "
                    + Arrays.toString(TestBatches.bytes(damaged)), t);
        }
    }

    /** Only BaseOffset (0-7) and PartitionLeaderEpoch (12-15) lie outside the CRC without breaking framing. */
    private static void assertOnlyUncoveredFieldsChanged(ByteBuffer original, ByteBuffer damaged, String context) {
        for (int i = 0; i < original.limit(); i++) {
            if (original.get(i) != damaged.get(i)) {
                boolean uncovered = i < RecordBatch.LENGTH_OFFSET
                        || (i >= RecordBatch.PARTITION_LEADER_EPOCH_OFFSET && i < RecordBatch.MAGIC_OFFSET);
                assertThat(uncovered).as("byte %d changed yet the batch validated (%s)", i, context).isTrue();
            }
        }
    }

    private static ByteBuffer mutate(ByteBuffer original, Mutation mutation, Random random) {
        ByteBuffer copy = TestBatches.copy(original);
        switch (mutation) {
            case FLIP_BYTES:
                flip(copy, 0, random);
                return copy;
            case FLIP_BYTES_FIX_CRC:
                flip(copy, RecordBatch.ATTRIBUTES_OFFSET, random);
                return TestBatches.fixChecksum(copy);
            case TRUNCATE:
                return truncate(copy, random);
            case FORGE_LENGTH:
                return forgeLength(copy, random);
            case FORGE_HEADER_FIELD:
                return forgeHeaderField(copy, random);
            case REWRITE_RECORDS:
                return rewriteRecords(copy, random);
            default:
                throw new AssertionError(mutation);
        }
    }

    private static void flip(ByteBuffer batch, int from, Random random) {
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int at = from + random.nextInt(batch.limit() - from);
            batch.put(at, (byte) (batch.get(at) ^ (1 + random.nextInt(255))));
        }
    }

    private static ByteBuffer truncate(ByteBuffer batch, Random random) {
        int size = random.nextInt(batch.limit());
        ByteBuffer cut = TestBatches.copy(batch.limit(size));
        if (size >= RecordBatch.HEADER_SIZE && random.nextBoolean()) {
            cut.putInt(RecordBatch.LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
            TestBatches.fixChecksum(cut);
        }
        return cut;
    }

    private static ByteBuffer forgeLength(ByteBuffer batch, Random random) {
        // Sometimes leave room behind the batch, so a longer length still fits the buffer and reaches the CRC.
        int slack = random.nextBoolean() ? random.nextInt(64) : 0;
        ByteBuffer roomy = ByteBuffer.allocate(batch.limit() + slack);
        roomy.put(batch);
        for (int i = batch.limit(); i < roomy.limit(); i++) {
            roomy.put(i, (byte) random.nextInt());
        }
        roomy.flip();
        int length = random.nextBoolean() ? edgeInt(random) : batch.limit() - RecordBatch.LOG_OVERHEAD
                + random.nextInt(2 * slack + 9) - slack - 4;
        roomy.putInt(RecordBatch.LENGTH_OFFSET, length);
        if (random.nextBoolean() && length >= RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD
                && (long) length + RecordBatch.LOG_OVERHEAD <= roomy.limit()) {
            TestBatches.fixChecksum(roomy);
        }
        return roomy;
    }

    private static ByteBuffer forgeHeaderField(ByteBuffer batch, Random random) {
        switch (random.nextInt(6)) {
            case 0:
                batch.putInt(RecordBatch.RECORDS_COUNT_OFFSET, edgeInt(random));
                break;
            case 1:
                batch.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, edgeInt(random));
                break;
            case 2:
                batch.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) random.nextInt(1 << 16));
                break;
            case 3:
                batch.putShort(RecordBatch.ATTRIBUTES_OFFSET,
                        (short) ((batch.getShort(RecordBatch.ATTRIBUTES_OFFSET) & ~0x07) | random.nextInt(8)));
                break;
            case 4:
                batch.put(RecordBatch.MAGIC_OFFSET, (byte) random.nextInt(4));
                break;
            default:
                batch.putLong(RecordBatch.PRODUCER_ID_OFFSET, random.nextInt(3) - 1L);
                batch.putInt(RecordBatch.BASE_SEQUENCE_OFFSET, random.nextInt(3) - 1);
                break;
        }
        return TestBatches.fixChecksum(batch);
    }

    /** Damages the uncompressed records section, recompresses it and fixes Length and CRC. */
    private static ByteBuffer rewriteRecords(ByteBuffer batch, Random random) {
        RecordBatch template = RecordBatch.wrap(batch);
        byte[] section = TestBatches.recordsSection(template);
        byte[] damaged;
        switch (random.nextInt(4)) {
            case 0:
                damaged = section.clone();
                for (int i = 1 + random.nextInt(3); i > 0 && damaged.length > 0; i--) {
                    damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
                }
                break;
            case 1:
                // A forged varint (a length, count or delta) written over the bytes at a random place.
                damaged = section.clone();
                ByteBuffer varint = ByteBuffer.allocate(Varints.MAX_VARINT_SIZE);
                Varints.writeVarint(edgeInt(random), varint);
                int at = damaged.length == 0 ? 0 : random.nextInt(damaged.length);
                for (int i = 0; i < varint.position() && at + i < damaged.length; i++) {
                    damaged[at + i] = varint.get(i);
                }
                break;
            case 2:
                damaged = Arrays.copyOf(section, random.nextInt(section.length + 1));
                break;
            default:
                damaged = Arrays.copyOf(section, section.length + 1 + random.nextInt(8));
                break;
        }
        return TestBatches.withRecordsSection(template, damaged);
    }

    private static int edgeInt(Random random) {
        return random.nextBoolean() ? EDGE_INTS[random.nextInt(EDGE_INTS.length)] : random.nextInt();
    }

    /** Small valid batches of every codec and shape, so thousands of iterations stay fast. */
    private static List<ByteBuffer> validBatches(Random random) {
        RandomRecords generator = new RandomRecords(random, false);
        List<ByteBuffer> pool = new ArrayList<>();
        long t0 = 1_700_000_000_000L;
        for (Compression codec : List.of(Compression.NONE, Compression.GZIP, Compression.LZ4)) {
            for (int i = 0; i < 6; i++) {
                pool.add(generator.builder(codec, generator.specs(1 + random.nextInt(8))).build());
            }
            pool.add(new RecordBatchBuilder(codec).producer(3, (short) 0, RecordBatch.NO_SEQUENCE).transactional(true)
                    .appendControl(ControlRecordType.COMMIT, t0, ByteBuffer.allocate(6)).build());
            pool.add(new RecordBatchBuilder(codec).deleteHorizon(t0 + 1000).logAppendTime(t0)
                    .append(t0, new byte[] {1}, null, new Header("h", null)).append(t0, null, new byte[3]).build());
        }
        for (ByteBuffer batch : pool) {
            BatchValidator.validate(RecordBatch.wrap(batch));
        }
        return pool;
    }
}

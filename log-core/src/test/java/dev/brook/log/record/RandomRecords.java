package dev.brook.log.record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random record contents for seeded tests: null, empty, small and large keys and values, headers. */
final class RandomRecords {
    /** What a test appends: everything of a record except the offset. */
    record Spec(long timestamp, byte[] key, byte[] value, Header[] headers) {
        ByteBuffer keyBuffer() {
            return key == null ? null : ByteBuffer.wrap(key);
        }

        ByteBuffer valueBuffer() {
            return value == null ? null : ByteBuffer.wrap(value);
        }
    }

    private static final Compression[] SUPPORTED = {Compression.NONE, Compression.GZIP, Compression.LZ4};

    private final Random random;
    private final boolean large;

    /** Generates records whose keys and values are sometimes large (up to ~70 KB). */
    RandomRecords(Random random) {
        this(random, true);
    }

    /** Generates records; {@code large = false} keeps every key and value under 100 bytes. */
    RandomRecords(Random random, boolean large) {
        this.random = random;
        this.large = large;
    }

    Compression codec() {
        return SUPPORTED[random.nextInt(SUPPORTED.length)];
    }

    List<Spec> specs(int count) {
        long base = random.nextInt(4) == 0 ? RecordBatch.NO_TIMESTAMP : 1_700_000_000_000L + random.nextInt(1 << 20);
        List<Spec> specs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long timestamp = base == RecordBatch.NO_TIMESTAMP ? base : base + random.nextInt(20_000) - 10_000;
            specs.add(new Spec(timestamp, bytes(), bytes(), headers()));
        }
        return specs;
    }

    /** Appends the specs to a new builder with a random codec and random header fields. */
    RecordBatchBuilder builder(Compression codec, List<Spec> specs) {
        RecordBatchBuilder builder = new RecordBatchBuilder(codec)
                .baseOffset(random.nextInt(3) == 0 ? 0 : random.nextLong() >>> 2)
                .partitionLeaderEpoch(random.nextInt(100) - 1);
        if (random.nextBoolean()) {
            builder.producer(random.nextLong() >>> 1, (short) random.nextInt(Short.MAX_VALUE),
                    random.nextInt(Integer.MAX_VALUE));
        }
        for (Spec spec : specs) {
            builder.append(spec.timestamp(), spec.key(), spec.value(), spec.headers());
        }
        return builder;
    }

    byte[] bytes() {
        switch (random.nextInt(10)) {
            case 0:
                return null;
            case 1:
                return new byte[0];
            case 2:
                if (!large) {
                    return new byte[random.nextInt(100)];
                }
                // Large and partly compressible: long runs so codecs have something to do.
                byte[] large = new byte[1024 + random.nextInt(70_000)];
                for (int i = 0; i < large.length; i += 64) {
                    large[i] = (byte) random.nextInt();
                }
                return large;
            default:
                byte[] small = new byte[random.nextInt(100)];
                random.nextBytes(small);
                return small;
        }
    }

    Header[] headers() {
        int count = random.nextInt(4) == 0 ? random.nextInt(5) : 0;
        Header[] headers = new Header[count];
        for (int i = 0; i < count; i++) {
            String key = random.nextInt(5) == 0 ? "" : "h" + random.nextInt(1000) + (random.nextBoolean() ? "é€" : "");
            byte[] value = random.nextInt(3) == 0 ? null : new byte[random.nextInt(40)];
            if (value != null) {
                random.nextBytes(value);
            }
            headers[i] = new Header(key, value);
        }
        return headers;
    }
}

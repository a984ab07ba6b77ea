package dev.brook.partition.partitioner;

/**
 * 32-bit MurmurHash2 exactly as kafka-clients computes it ({@code Utils.murmur2}), so that a keyed record lands on
 * the partition a Kafka producer would choose: seed {@code 0x9747b28c}, {@code m = 0x5bd1e995}, {@code r = 24},
 * 4-byte little-endian blocks, the 1-3 byte tail folded in with fall-through, then the finish mix. All arithmetic
 * is Java {@code int} arithmetic (wrapping).
 */
public final class Murmur2 {
    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private Murmur2() {
    }

    /** The hash of {@code data}. */
    @SuppressWarnings("fallthrough") // the tail cases fall through by design, as in the reference
    public static int hash(byte[] data) {
        int length = data.length;
        int h = SEED ^ length;
        int blocks = length / 4;
        for (int i = 0; i < blocks; i++) {
            int at = i * 4;
            int k = (data[at] & 0xff) | ((data[at + 1] & 0xff) << 8) | ((data[at + 2] & 0xff) << 16)
                    | ((data[at + 3] & 0xff) << 24);
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
        }
        int tail = blocks * 4;
        switch (length % 4) {
            case 3:
                h ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                h ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                h ^= data[tail] & 0xff;
                h *= M;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }

    /** Kafka's {@code Utils.toPositive}: a mask, not {@code abs}, so that {@code Integer.MIN_VALUE} maps to 0. */
    public static int toPositive(int value) {
        return value & 0x7fffffff;
    }
}

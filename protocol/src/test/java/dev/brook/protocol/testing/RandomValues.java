package dev.brook.protocol.testing;

import dev.brook.protocol.wire.ByteBufferRecords;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Random field values for codec tests: edge values often, arbitrary values otherwise. */
public final class RandomValues {
    private static final String[] ALPHABETS = {"abcxyz-._", "ÄéßΩж", "\uD83D\uDE00漢字", "0123456789"};

    private RandomValues() {
    }

    /** @return a short, often an edge value */
    public static short int16(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Short.MAX_VALUE;
            case 3 -> Short.MIN_VALUE;
            default -> (short) rnd.nextInt();
        };
    }

    /** @return an int, often an edge value */
    public static int int32(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Integer.MAX_VALUE;
            case 3 -> Integer.MIN_VALUE;
            default -> rnd.nextInt();
        };
    }

    /** @return a long, often an edge value */
    public static long int64(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> 0L;
            case 1 -> -1L;
            case 2 -> Long.MAX_VALUE;
            case 3 -> Long.MIN_VALUE;
            default -> rnd.nextLong();
        };
    }

    /** @return a byte */
    public static byte int8(Random rnd) {
        return (byte) rnd.nextInt();
    }

    /** @return a non-null string of 0-20 characters, mixing ASCII and multi-byte UTF-8 */
    public static String string(Random rnd) {
        String alphabet = ALPHABETS[rnd.nextInt(ALPHABETS.length)];
        int[] cps = alphabet.codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(21);
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(cps[rnd.nextInt(cps.length)]);
        }
        return sb.toString();
    }

    /** @return a string or, one time in five, null */
    public static String nullableString(Random rnd) {
        return rnd.nextInt(5) == 0 ? null : string(rnd);
    }

    /** @return 0-40 random bytes (opaque BYTES fields such as group protocol metadata) */
    public static byte[] bytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(41)];
        rnd.nextBytes(b);
        return b;
    }

    /** @return 0-40 random bytes as records (codecs treat record bytes as opaque) */
    public static ByteBufferRecords records(Random rnd) {
        byte[] b = new byte[rnd.nextInt(41)];
        rnd.nextBytes(b);
        return new ByteBufferRecords(ByteBuffer.wrap(b));
    }

    /** @return records or, one time in five, null */
    public static ByteBufferRecords nullableRecords(Random rnd) {
        return rnd.nextInt(5) == 0 ? null : records(rnd);
    }

    /**
     * @param <T>  element type
     * @param rnd  the random source
     * @param max  maximum size
     * @param elem element generator
     * @return a list of 0..max elements
     */
    public static <T> List<T> list(Random rnd, int max, Function<Random, T> elem) {
        int n = rnd.nextInt(max + 1);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(elem.apply(rnd));
        }
        return out;
    }
}

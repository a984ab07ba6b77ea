package dev.brook.log.record;

import java.nio.ByteBuffer;

/**
 * Zigzag-encoded variable-length integers, as used inside Kafka records (protobuf {@code sint32}/{@code sint64}).
 *
 * <p>Zigzag maps signed to unsigned so that small magnitudes stay short: 0 → 0, -1 → 1, 1 → 2, -2 → 3, ...
 * ({@code (n << 1) ^ (n >> 31)} for ints). The unsigned result is written 7 bits at a time, least significant
 * group first; bit 7 of each byte is set when another byte follows:
 *
 * <pre>
 *  value   zigzag   bytes
 *      0        0   00
 *     -1        1   01
 *      1        2   02
 *     64      128   80 01
 * MIN_INT  2^32-1   FF FF FF FF 0F     (5 bytes at most for an int, 10 for a long)
 * </pre>
 *
 * <p>Readers accept non-canonical encodings (extra {@code 80} padding) within the maximum length, as Kafka does, but
 * reject a varint that runs past the buffer, is longer than 5 (10) bytes, or carries bits beyond 32 (64) in its last
 * byte: these cannot come from any encoder and mean the bytes are corrupt.
 */
public final class Varints {
    /** Longest encoding of an int: 32 bits in 7-bit groups. */
    public static final int MAX_VARINT_SIZE = 5;
    /** Longest encoding of a long: 64 bits in 7-bit groups. */
    public static final int MAX_VARLONG_SIZE = 10;

    private Varints() {
    }

    /**
     * Reads a zigzag varint at the buffer's position and advances past it.
     *
     * @throws CorruptRecordException if the varint is truncated, longer than 5 bytes or overflows 32 bits
     */
    public static int readVarint(ByteBuffer buffer) {
        int raw = 0;
        for (int i = 0; i < MAX_VARINT_SIZE; i++) {
            if (!buffer.hasRemaining()) {
                throw new CorruptRecordException("varint truncated after " + i + " bytes");
            }
            int b = buffer.get() & 0xFF;
            if (i == MAX_VARINT_SIZE - 1 && b > 0x0F) {
                // The fifth byte holds bits 28-31 only; anything above, continuation bit included, is garbage.
                throw new CorruptRecordException("varint longer than 5 bytes or wider than 32 bits (fifth byte 0x"
                        + Integer.toHexString(b) + ")");
            }
            raw |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new AssertionError("unreachable: the fifth byte either ends the varint or is rejected");
    }

    /**
     * Reads a zigzag varlong at the buffer's position and advances past it.
     *
     * @throws CorruptRecordException if the varlong is truncated, longer than 10 bytes or overflows 64 bits
     */
    public static long readVarlong(ByteBuffer buffer) {
        long raw = 0;
        for (int i = 0; i < MAX_VARLONG_SIZE; i++) {
            if (!buffer.hasRemaining()) {
                throw new CorruptRecordException("varlong truncated after " + i + " bytes");
            }
            int b = buffer.get() & 0xFF;
            if (i == MAX_VARLONG_SIZE - 1 && b > 0x01) {
                // The tenth byte holds bit 63 only.
                throw new CorruptRecordException("varlong longer than 10 bytes or wider than 64 bits (tenth byte 0x"
                        + Integer.toHexString(b) + ")");
            }
            raw |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new AssertionError("unreachable: the tenth byte either ends the varlong or is rejected");
    }

    /**
     * Writes {@code value} as a zigzag varint at the buffer's position.
     *
     * @throws java.nio.BufferOverflowException if fewer than {@link #sizeOfVarint(int)} bytes remain
     */
    public static void writeVarint(int value, ByteBuffer buffer) {
        int raw = (value << 1) ^ (value >> 31);
        while ((raw & ~0x7F) != 0) {
            buffer.put((byte) ((raw & 0x7F) | 0x80));
            raw >>>= 7;
        }
        buffer.put((byte) raw);
    }

    /**
     * Writes {@code value} as a zigzag varlong at the buffer's position.
     *
     * @throws java.nio.BufferOverflowException if fewer than {@link #sizeOfVarlong(long)} bytes remain
     */
    public static void writeVarlong(long value, ByteBuffer buffer) {
        long raw = (value << 1) ^ (value >> 63);
        while ((raw & ~0x7FL) != 0) {
            buffer.put((byte) ((raw & 0x7F) | 0x80));
            raw >>>= 7;
        }
        buffer.put((byte) raw);
    }

    /** Bytes {@link #writeVarint(int, ByteBuffer)} writes for {@code value}: 1 to 5. */
    public static int sizeOfVarint(int value) {
        int raw = (value << 1) ^ (value >> 31);
        // Significant bits, rounded up to whole 7-bit groups; zero still takes one byte.
        int bits = 32 - Integer.numberOfLeadingZeros(raw | 1);
        return (bits + 6) / 7;
    }

    /** Bytes {@link #writeVarlong(long, ByteBuffer)} writes for {@code value}: 1 to 10. */
    public static int sizeOfVarlong(long value) {
        long raw = (value << 1) ^ (value >> 63);
        int bits = 64 - Long.numberOfLeadingZeros(raw | 1);
        return (bits + 6) / 7;
    }
}

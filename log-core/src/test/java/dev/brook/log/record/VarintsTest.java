package dev.brook.log.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VarintsTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "-1, 01",
        "1, 02",
        "-64, 7f",
        "64, 8001",
        "300, d804",
        "2147483647, feffffff0f",
        "-2147483648, ffffffff0f",
    })
    void encodesIntsLikeProtobufSint32(int value, String hex) {
        ByteBuffer buffer = ByteBuffer.allocate(Varints.MAX_VARINT_SIZE);
        Varints.writeVarint(value, buffer);
        buffer.flip();
        assertThat(HEX.formatHex(bytes(buffer))).isEqualTo(hex);
        assertThat(Varints.sizeOfVarint(value)).isEqualTo(hex.length() / 2);
        assertThat(Varints.readVarint(ByteBuffer.wrap(HEX.parseHex(hex)))).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "-1, 01",
        "1, 02",
        "64, 8001",
        "2147483648, 8080808010",
        "9223372036854775807, feffffffffffffffff01",
        "-9223372036854775808, ffffffffffffffffff01",
    })
    void encodesLongsLikeProtobufSint64(long value, String hex) {
        ByteBuffer buffer = ByteBuffer.allocate(Varints.MAX_VARLONG_SIZE);
        Varints.writeVarlong(value, buffer);
        buffer.flip();
        assertThat(HEX.formatHex(bytes(buffer))).isEqualTo(hex);
        assertThat(Varints.sizeOfVarlong(value)).isEqualTo(hex.length() / 2);
        assertThat(Varints.readVarlong(ByteBuffer.wrap(HEX.parseHex(hex)))).isEqualTo(value);
    }

    @Test
    void roundTripsBoundariesAndRandomValues() {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        int[] ints = {0, 1, -1, 63, -64, 64, -65, 8191, 8192, Short.MAX_VALUE, Short.MIN_VALUE,
            Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1};
        for (int value : ints) {
            assertIntRoundTrip(value, seed);
        }
        long[] longs = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 35, -(1L << 35), Long.MAX_VALUE,
            Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1};
        for (long value : longs) {
            assertLongRoundTrip(value, seed);
        }
        for (int i = 0; i < 10_000; i++) {
            assertIntRoundTrip(random.nextInt() >> random.nextInt(32), seed);
            assertLongRoundTrip(random.nextLong() >> random.nextInt(64), seed);
        }
    }

    @Test
    void readsConsecutiveValuesAndLeavesPositionAfterEach() {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        Varints.writeVarint(300, buffer);
        Varints.writeVarlong(-5_000_000_000L, buffer);
        Varints.writeVarint(-1, buffer);
        buffer.flip();
        assertThat(Varints.readVarint(buffer)).isEqualTo(300);
        assertThat(Varints.readVarlong(buffer)).isEqualTo(-5_000_000_000L);
        assertThat(Varints.readVarint(buffer)).isEqualTo(-1);
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void acceptsNonCanonicalPaddingWithinMaximumLength() {
        // 0 encoded with padding groups: no encoder writes it, but it is not ambiguous, and Kafka accepts it.
        assertThat(Varints.readVarint(ByteBuffer.wrap(HEX.parseHex("8080808000")))).isZero();
        assertThat(Varints.readVarlong(ByteBuffer.wrap(HEX.parseHex("80808080808080808000")))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "80", "ffff", "ffffffff"})
    void truncatedVarintIsCorrupt(String hex) {
        assertThatThrownBy(() -> Varints.readVarint(ByteBuffer.wrap(HEX.parseHex(hex))))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("truncated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffffffff10", "ffffffff80", "ffffffffff01", "8080808080808080"})
    void overlongOrOverflowingVarintIsCorrupt(String hex) {
        assertThatThrownBy(() -> Varints.readVarint(ByteBuffer.wrap(HEX.parseHex(hex))))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("longer than 5 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "80", "ffffffffffffffffff"})
    void truncatedVarlongIsCorrupt(String hex) {
        assertThatThrownBy(() -> Varints.readVarlong(ByteBuffer.wrap(HEX.parseHex(hex))))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("truncated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffffffffffffffffff02", "ffffffffffffffffff81", "808080808080808080808001"})
    void overlongOrOverflowingVarlongIsCorrupt(String hex) {
        assertThatThrownBy(() -> Varints.readVarlong(ByteBuffer.wrap(HEX.parseHex(hex))))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("longer than 10 bytes");
    }

    private static void assertIntRoundTrip(int value, long seed) {
        ByteBuffer buffer = ByteBuffer.allocate(Varints.MAX_VARINT_SIZE);
        Varints.writeVarint(value, buffer);
        assertThat(buffer.position()).as("size of %d, seed %d", value, seed).isEqualTo(Varints.sizeOfVarint(value));
        buffer.flip();
        assertThat(Varints.readVarint(buffer)).as("value %d, seed %d", value, seed).isEqualTo(value);
    }

    private static void assertLongRoundTrip(long value, long seed) {
        ByteBuffer buffer = ByteBuffer.allocate(Varints.MAX_VARLONG_SIZE);
        Varints.writeVarlong(value, buffer);
        assertThat(buffer.position()).as("size of %d, seed %d", value, seed)
                .isEqualTo(Varints.sizeOfVarlong(value));
        buffer.flip();
        assertThat(Varints.readVarlong(buffer)).as("value %d, seed %d", value, seed).isEqualTo(value);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}

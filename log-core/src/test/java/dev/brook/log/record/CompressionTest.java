package dev.brook.log.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompressionTest {
    @Test
    void idsMatchTheAttributeBits() {
        assertThat(Compression.forId(0)).isEqualTo(Compression.NONE);
        assertThat(Compression.forId(1)).isEqualTo(Compression.GZIP);
        assertThat(Compression.forId(2)).isEqualTo(Compression.SNAPPY);
        assertThat(Compression.forId(3)).isEqualTo(Compression.LZ4);
        assertThat(Compression.forId(4)).isEqualTo(Compression.ZSTD);
        for (Compression c : Compression.values()) {
            assertThat(Compression.forId(c.id())).isSameAs(c);
        }
        assertThat(Compression.LZ4.codecName()).isEqualTo("lz4");
    }

    @Test
    void onlyNoneGzipAndLz4AreSupported() {
        assertThat(Compression.NONE.isSupported()).isTrue();
        assertThat(Compression.GZIP.isSupported()).isTrue();
        assertThat(Compression.LZ4.isSupported()).isTrue();
        assertThat(Compression.SNAPPY.isSupported()).isFalse();
        assertThat(Compression.ZSTD.isSupported()).isFalse();
        assertThat(Compression.GZIP.requireSupported()).isSameAs(Compression.GZIP);
    }

    @ParameterizedTest
    @EnumSource(names = {"SNAPPY", "ZSTD"})
    void snappyAndZstdAreRefusedByName(Compression codec) {
        assertThatThrownBy(codec::requireSupported)
                .isInstanceOf(UnsupportedCompressionException.class)
                .isInstanceOf(InvalidBatchException.class)
                .hasMessage("compression codec " + codec.codecName() + " (id " + codec.id()
                        + ") is not supported; Brook accepts none (0), gzip (1) and lz4 (3)");
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 6, 7, -1, 8})
    void idsWithoutACodecAreRefused(int id) {
        assertThatThrownBy(() -> Compression.forId(id))
                .isInstanceOf(UnsupportedCompressionException.class)
                .hasMessageStartingWith("unknown compression codec id " + id);
    }

    @Test
    void lz4WritesKafkasFrameHeaderAndEndMark() throws IOException {
        byte[] compressed = compress(Compression.LZ4, "hello, brook".getBytes());
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(compressed, 7))).isEqualTo("04224d18604082");
        assertThat(Arrays.copyOfRange(compressed, compressed.length - 4, compressed.length)).containsOnly(0);
    }

    @Test
    void gzipWritesAStandardGzipStream() throws IOException {
        byte[] compressed = compress(Compression.GZIP, "hello, brook".getBytes());
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(compressed, 3))).isEqualTo("1f8b08");
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void codecsRoundTripAcrossManyBlocks(Compression codec) throws IOException {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        Arrays.fill(data, 100_000, 200_000, (byte) 3);
        try (InputStream in = codec.codec().decompress(new ByteArrayInputStream(compress(codec, data)))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    private static byte[] compress(Compression codec, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = codec.codec().compress(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}

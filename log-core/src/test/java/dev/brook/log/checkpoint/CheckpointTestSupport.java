package dev.brook.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** Helpers shared by the checkpoint tests: hand-built files and exhaustive damage of a file on disk. */
final class CheckpointTestSupport {
    private CheckpointTestSupport() {
    }

    /** A read of a checkpoint file, as the typed wrappers expose it. */
    @FunctionalInterface
    interface Read {
        Object read() throws IOException;
    }

    /** Appends a correct trailer, so tests can build files whose only fault is their content. */
    static byte[] sealed(String covered) {
        CRC32C crc = new CRC32C();
        byte[] bytes = covered.getBytes(StandardCharsets.US_ASCII);
        crc.update(bytes);
        return (covered + "crc32c " + String.format("%08x", crc.getValue()) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code bytes} to {@code file} and asserts that reading it is refused with {@code problem}. */
    static void assertCorrupt(Path file, byte[] bytes, Read read, String problem) throws IOException {
        Files.write(file, bytes);
        assertThatThrownBy(read::read)
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(problem);
    }

    /**
     * Cuts the valid file at every length from 0 to its size - 1 and asserts each is refused, then restores it.
     *
     * @return the number of truncated files checked
     */
    static int assertEveryTruncationRejected(Path file, Read read) throws IOException {
        byte[] original = Files.readAllBytes(file);
        for (int length = 0; length < original.length; length++) {
            Files.write(file, Arrays.copyOf(original, length));
            int cut = length;
            assertThatThrownBy(read::read)
                    .as("file cut to %d of %d bytes", cut, original.length)
                    .isInstanceOf(CorruptCheckpointException.class)
                    .hasMessageContaining(file.toString());
        }
        Files.write(file, original);
        return original.length;
    }

    /**
     * Flips every bit of every byte one at a time, and inverts every byte, asserting each damaged file is
     * refused; then restores the file. (Every one of the 255 other values per byte is covered in memory by
     * {@code CheckpointFileTest}.)
     *
     * @return the number of damaged files checked
     */
    static int assertEveryByteFlipRejected(Path file, Read read) throws IOException {
        byte[] original = Files.readAllBytes(file);
        int checked = 0;
        for (int position = 0; position < original.length; position++) {
            for (int mask : new int[] {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFF}) {
                byte[] damaged = original.clone();
                damaged[position] ^= (byte) mask;
                Files.write(file, damaged);
                int at = position;
                assertThatThrownBy(read::read)
                        .as("byte %d xor 0x%02x", at, mask)
                        .isInstanceOf(CorruptCheckpointException.class);
                checked++;
            }
        }
        Files.write(file, original);
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
        return checked;
    }

    /** Reads a file as text, for golden-format assertions. */
    static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}

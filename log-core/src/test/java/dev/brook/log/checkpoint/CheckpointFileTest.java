package dev.brook.log.checkpoint;

import static dev.brook.log.checkpoint.CheckpointTestSupport.assertCorrupt;
import static dev.brook.log.checkpoint.CheckpointTestSupport.sealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
    /** A minimal codec: one line {@code value <n>}; negative values are "impossible" to exercise that path. */
    private static final class ValueCodec implements CheckpointCodec<Long> {
        final List<Integer> versionsSeen = new ArrayList<>();

        @Override
        public List<String> encode(Long value) {
            return List.of("value " + value);
        }

        @Override
        public Long decode(PayloadReader payload) throws CorruptCheckpointException {
            versionsSeen.add(payload.version());
            long value = payload.readLong("value");
            if (value < 0) {
                throw new IllegalArgumentException("value must not be negative: " + value);
            }
            return value;
        }
    }

    @TempDir
    Path dir;

    private Path path;
    private ValueCodec codec;
    private CheckpointFile<Long> file;

    @BeforeEach
    void setUp() {
        path = dir.resolve("test.checkpoint");
        codec = new ValueCodec();
        file = new CheckpointFile<>(path, "test-kind", 1, codec);
    }

    @Test
    void writesTheDocumentedFormatAndReadsItBack() throws IOException {
        file.write(42L);

        assertThat(Files.readString(path, StandardCharsets.US_ASCII))
                .isEqualTo(new String(sealed("brook-checkpoint test-kind 1\nvalue 42\n"), StandardCharsets.US_ASCII));
        assertThat(file.read()).contains(42L);
        assertThat(codec.versionsSeen).containsExactly(1);
    }

    @Test
    void javadocExampleIsExactlyWhatIsWritten() throws IOException {
        OffsetCheckpoint checkpoint = OffsetCheckpoint.logStartOffset(dir);
        checkpoint.write(42);

        assertThat(CheckpointTestSupport.text(checkpoint.path()))
                .isEqualTo("brook-checkpoint log-start-offset 1\noffset 42\ncrc32c 909d0c0f\n");
    }

    @Test
    void roundTripsExtremeValuesAndOverwrites() throws IOException {
        for (long value : new long[] {0, 1, 9, 10, Long.MAX_VALUE, 7}) {
            file.write(value);
            assertThat(file.read()).contains(value);
        }
    }

    @Test
    void missingFileReadsAsEmpty() throws IOException {
        assertThat(file.read()).isEmpty();
        assertThat(Files.exists(path)).isFalse();
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        file.write(1234567L);

        int checked = CheckpointTestSupport.assertEveryTruncationRejected(path, file::read);

        assertThat(checked).isEqualTo(Files.size(path));
        assertThat(file.read()).contains(1234567L);
    }

    @Test
    void everyReplacementOfEveryByteIsRejected() throws IOException {
        byte[] original = file.serialize(1234567L);
        for (int position = 0; position < original.length; position++) {
            for (int value = 0; value < 256; value++) {
                if ((byte) value == original[position]) {
                    continue;
                }
                byte[] damaged = original.clone();
                damaged[position] = (byte) value;
                int at = position;
                int to = value;
                assertThatThrownBy(() -> file.parse(damaged))
                        .as("byte %d set to 0x%02x", at, to)
                        .isInstanceOf(CorruptCheckpointException.class);
            }
        }
        assertThat(file.parse(original)).isEqualTo(1234567L);
    }

    @Test
    void bitFlipsOnDiskAreRejected() throws IOException {
        file.write(0L);
        CheckpointTestSupport.assertEveryByteFlipRejected(path, file::read);
        assertThat(file.read()).contains(0L);
    }

    @Test
    void checksumMismatchNamesBothValues() throws IOException {
        byte[] bytes = sealed("brook-checkpoint test-kind 1\nvalue 42\n");
        bytes[bytes.length - 2] = (byte) (bytes[bytes.length - 2] == '0' ? '1' : '0');

        assertCorrupt(path, bytes, file::read, "checksum mismatch: file records crc32c ");
    }

    @Test
    void newerVersionIsRejectedAndOlderIsReadByANewerReader() throws IOException {
        assertCorrupt(path, sealed("brook-checkpoint test-kind 2\nvalue 42\n"), file::read,
                "unsupported version 2 (written by a newer Brook); this build reads test-kind versions 1 to 1");

        CheckpointFile<Long> newerReader = new CheckpointFile<>(path, "test-kind", 2, codec);
        Files.write(path, sealed("brook-checkpoint test-kind 1\nvalue 42\n"));
        assertThat(newerReader.read()).contains(42L);
        Files.write(path, sealed("brook-checkpoint test-kind 2\nvalue 43\n"));
        assertThat(newerReader.read()).contains(43L);
        assertThat(codec.versionsSeen).containsExactly(1, 2);
    }

    @Test
    void malformedVersionsAreRejected() throws IOException {
        assertCorrupt(path, sealed("brook-checkpoint test-kind 0\nvalue 42\n"), file::read, "invalid version 0");
        assertCorrupt(path, sealed("brook-checkpoint test-kind -1\nvalue 42\n"), file::read, "invalid version -1");
        assertCorrupt(path, sealed("brook-checkpoint test-kind 01\nvalue 42\n"), file::read,
                "version is not a canonical decimal integer: \"01\"");
        assertCorrupt(path, sealed("brook-checkpoint test-kind v1\nvalue 42\n"), file::read,
                "version is not a canonical decimal integer");
        assertCorrupt(path, sealed("brook-checkpoint test-kind 99999999999\nvalue 42\n"), file::read,
                "unsupported version 99999999999");
    }

    @Test
    void wrongMagicOrKindIsRejected() throws IOException {
        assertCorrupt(path, sealed("kafka-checkpoint test-kind 1\nvalue 42\n"), file::read,
                "does not start with \"brook-checkpoint \"");
        assertCorrupt(path, "0\n1\n0 5\n".getBytes(StandardCharsets.US_ASCII), file::read,
                "not a Brook checkpoint");
        assertCorrupt(path, sealed("brook-checkpoint other-kind 1\nvalue 42\n"), file::read,
                "wrong kind: expected \"test-kind\", found \"other-kind\"");
        assertCorrupt(path, sealed("brook-checkpoint test-kind\nvalue 42\n"), file::read,
                "line 1: expected \"brook-checkpoint <kind> <version>\"");
        assertCorrupt(path, sealed("brook-checkpoint test-kind 1 extra\nvalue 42\n"), file::read,
                "line 1: expected");
    }

    @Test
    void damagedTrailersAreRejected() throws IOException {
        String body = "brook-checkpoint test-kind 1\nvalue 42\n";
        String good = new String(sealed(body), StandardCharsets.US_ASCII);
        String crc = good.substring(good.length() - 9, good.length() - 1);

        for (String bad : List.of(
                body,                                          // no trailer at all
                body + "crc32c " + crc,                        // no final LF
                body + "crc32c " + crc + "\n\n",               // trailing garbage
                body + "crc32c " + crc.toUpperCase() + "x\n",  // 9 digits
                body + "CRC32C " + crc + "\n",                 // wrong trailer keyword
                body.replace("\n", "\r\n") + "crc32c " + crc + "\r\n")) {
            assertCorrupt(path, bad.getBytes(StandardCharsets.US_ASCII), file::read, "");
        }
        if (!crc.equals(crc.toUpperCase())) {
            assertCorrupt(path, (body + "crc32c " + crc.toUpperCase() + "\n").getBytes(StandardCharsets.US_ASCII),
                    file::read, "8 lowercase hex digits");
        }
        assertCorrupt(path, new byte[0], file::read, "file is empty (truncated)");
    }

    @Test
    void malformedPayloadWithValidChecksumIsRejected() throws IOException {
        String header = "brook-checkpoint test-kind 1\n";
        assertCorrupt(path, sealed(header), file::read, "line 2: missing, expected \"value <integer>\"");
        assertCorrupt(path, sealed(header + "value 42\nvalue 43\n"), file::read,
                "line 3: unexpected extra line \"value 43\"");
        assertCorrupt(path, sealed(header + "valu 42\n"), file::read, "line 2: expected key \"value\", found \"valu\"");
        assertCorrupt(path, sealed(header + "value  42\n"), file::read, "line 2: expected \"value <integer>\"");
        assertCorrupt(path, sealed(header + "value 42 \n"), file::read, "line 2: expected \"value <integer>\"");
        assertCorrupt(path, sealed(header + "value\n"), file::read, "line 2: expected \"value <integer>\"");
        assertCorrupt(path, sealed(header + "\n"), file::read, "line 2: expected \"value <integer>\"");
        for (String number : List.of("042", "+42", "-0", "4x", "0x2a", "9223372036854775808", "1e3", "")) {
            assertCorrupt(path, sealed(header + "value " + number + "\n"), file::read, "line 2:");
        }
        assertCorrupt(path, sealed(header + "value 42\u00e9\n".replace('\u00e9', (char) 0x7F)), file::read,
                "byte 0x7f at position 37 is not printable ASCII");
        assertCorrupt(path, sealed(header + "value 4\t2\n"), file::read, "byte 0x09 at position 36");
        assertCorrupt(path, sealed(header + "value -5\n"), file::read, "invalid content: value must not be negative");
    }

    @Test
    void nonAsciiBytesWithValidChecksumAreRejected() throws IOException {
        byte[] covered = "brook-checkpoint test-kind 1\nvalue 4?\n".getBytes(StandardCharsets.US_ASCII);
        covered[covered.length - 2] = (byte) 0xC3;
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(covered);
        byte[] trailer = String.format("crc32c %08x\n", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(covered, covered.length + trailer.length);
        System.arraycopy(trailer, 0, bytes, covered.length, trailer.length);

        assertCorrupt(path, bytes, file::read, "byte 0xc3 at position 36 is not printable ASCII");
    }

    @Test
    void oversizedFileIsRejectedWithoutReadingIt() throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.setLength(CheckpointFile.MAX_FILE_BYTES + 1L);
        }
        assertThatThrownBy(file::read)
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("more than any checkpoint");
    }

    @Test
    void leftoverTmpFromACrashIsIgnoredByReadsAndReplacedByTheNextWrite() throws IOException {
        Path tmp = dir.resolve("test.checkpoint.tmp");
        Files.write(tmp, "brook-checkpoint test-kind 1\nval".getBytes(StandardCharsets.US_ASCII));

        assertThat(file.read()).isEmpty();

        file.write(7L);
        assertThat(Files.exists(tmp)).isFalse();
        assertThat(file.read()).contains(7L);

        // A crash after the .tmp was complete but before the rename: the old value is still the one read.
        Files.write(tmp, file.serialize(8L));
        assertThat(file.read()).contains(7L);
        file.write(9L);
        assertThat(file.read()).contains(9L);
        assertThat(Files.exists(tmp)).isFalse();
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(path);
        }
    }

    @Test
    void failedWriteLeavesTheOldValue() throws IOException {
        file.write(1L);
        // A directory where the scratch file goes makes the write fail before anything is renamed.
        Files.createDirectory(dir.resolve("test.checkpoint.tmp"));

        assertThatThrownBy(() -> file.write(2L)).isInstanceOf(IOException.class);
        assertThat(file.read()).contains(1L);
    }

    @Test
    void writeRejectsUnprintablePayloadWithoutTouchingTheFile() {
        CheckpointFile<String> raw = new CheckpointFile<>(path, "raw", 1, new CheckpointCodec<>() {
            @Override
            public List<String> encode(String value) {
                return List.of(value);
            }

            @Override
            public String decode(PayloadReader payload) throws CorruptCheckpointException {
                return payload.readFields(1, "<text>")[0];
            }
        });

        for (String bad : List.of("a\nb", "tab\there", "caf\u00e9", "cr\r")) {
            assertThatThrownBy(() -> raw.write(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not printable ASCII");
        }
        assertThat(Files.exists(path)).isFalse();
    }

    @Test
    void deleteIsIdempotent() throws IOException {
        assertThat(file.delete()).isFalse();
        file.write(3L);
        assertThat(file.delete()).isTrue();
        assertThat(file.read()).isEqualTo(Optional.empty());
        assertThat(file.delete()).isFalse();
    }

    @Test
    void constructorValidatesKindAndVersion() {
        for (String kind : List.of("", "Upper", "has space", "-dash", "1digit", "under_score")) {
            assertThatThrownBy(() -> new CheckpointFile<>(path, kind, 1, codec))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new CheckpointFile<>(path, "ok", 0, codec))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exceptionExposesFileAndProblem() throws IOException {
        Files.write(path, new byte[0]);

        assertThatThrownBy(file::read)
                .isInstanceOfSatisfying(CorruptCheckpointException.class, e -> {
                    assertThat(e.file()).isEqualTo(path);
                    assertThat(e.problem()).isEqualTo("file is empty (truncated)");
                    assertThat(e).hasMessage("corrupt checkpoint " + path + ": file is empty (truncated)");
                });
    }

    @Test
    void longOffendingContentIsShortenedInMessages() throws IOException {
        String longLine = "x".repeat(1000);

        assertThatThrownBy(() -> file.parse(sealed("brook-checkpoint test-kind 1\n" + longLine + "\n")))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("...\" (1000 chars)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }
}

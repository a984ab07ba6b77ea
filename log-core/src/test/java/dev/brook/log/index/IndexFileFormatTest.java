package dev.brook.log.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The file format rules both index types share: header, length, preallocation, zero tail, trim and reopen. */
class IndexFileFormatTest {
    private static final long BASE = 1_000;

    @TempDir
    Path dir;

    private Path writeSampleIndex(IndexKind kind, int entries) throws IOException {
        Path file = kind.file(dir, BASE);
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(10))) {
            for (int n = 0; n < entries; n++) {
                kind.appendNth(index, n);
            }
        }
        return file;
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void newFileIsPreallocatedZeroFilledAndStartsWithTheHeader(IndexKind kind) throws IOException {
        Path file = kind.file(dir, BASE);
        // 5 bytes too many: rounded down to the header plus whole entries.
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(10) + 5)) {
            assertThat(index.entryCount()).isZero();
            assertThat(index.maxEntries()).isEqualTo(10);
            assertThat(index.isFull()).isFalse();
        }
        assertThat(Files.size(file)).isEqualTo(kind.sizeFor(10));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        assertThat(bytes.getInt(0)).isEqualTo(kind.magic);
        assertThat(bytes.getShort(4)).isEqualTo((short) 1);
        assertThat(bytes.getShort(6)).isEqualTo((short) kind.entrySize);
        assertThat(bytes.getLong(8)).isEqualTo(BASE);
        for (int at = 16; at < bytes.capacity(); at++) {
            assertThat(bytes.get(at)).as("byte %d", at).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void magicNamesBothKinds(IndexKind kind) {
        String expected = kind == IndexKind.OFFSET ? "BRKO" : "BRKT";
        assertThat(new String(ByteBuffer.allocate(4).putInt(0, kind.magic).array(),
                java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void entriesSurviveCloseAndReopen(IndexKind kind) throws IOException {
        Path file = writeSampleIndex(kind, 3);
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(10))) {
            assertThat(index.entryCount()).isEqualTo(3);
            assertThat(index.maxEntries()).isEqualTo(10);
            kind.appendNth(index, 3);
            assertThat(index.entryCount()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void trimCutsTheFileAndReopeningReExtendsIt(IndexKind kind) throws IOException {
        Path file = kind.file(dir, BASE);
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(10))) {
            kind.appendNth(index, 0);
            kind.appendNth(index, 1);
            index.trimToValidSize();
            assertThat(Files.size(file)).isEqualTo(kind.sizeFor(2));
            assertThat(index.isFull()).isTrue();
            assertThatThrownBy(() -> kind.appendNth(index, 2)).isInstanceOf(IndexFullException.class);
            assertThat(index.entryCount()).isEqualTo(2);
        }
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(10))) {
            assertThat(Files.size(file)).isEqualTo(kind.sizeFor(10));
            assertThat(index.entryCount()).isEqualTo(2);
            kind.appendNth(index, 2);
            assertThat(index.entryCount()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void trimOfAnEmptyIndexLeavesTheHeader(IndexKind kind) throws IOException {
        Path file = kind.file(dir, BASE);
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(10))) {
            index.trimToValidSize();
            assertThat(index.maxEntries()).isZero();
        }
        assertThat(Files.size(file)).isEqualTo(16);
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(10))) {
            assertThat(index.entryCount()).isZero();
            assertThat(index.maxEntries()).isEqualTo(10);
        }
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void reopeningWithASmallerSizeKeepsEveryEntry(IndexKind kind) throws IOException {
        Path file = writeSampleIndex(kind, 6);
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(4))) {
            assertThat(index.entryCount()).isEqualTo(6);
            assertThat(index.maxEntries()).isEqualTo(6);
            assertThat(index.isFull()).isTrue();
        }
        assertThat(Files.size(file)).isEqualTo(kind.sizeFor(6));
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void resizeGrowsAndShrinksButNeverBelowTheEntries(IndexKind kind) throws IOException {
        Path file = kind.file(dir, BASE);
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(10))) {
            for (int n = 0; n < 5; n++) {
                kind.appendNth(index, n);
            }
            index.resize(kind.sizeFor(20));
            assertThat(index.maxEntries()).isEqualTo(20);
            assertThat(Files.size(file)).isEqualTo(kind.sizeFor(20));
            index.resize(kind.sizeFor(2));
            assertThat(index.maxEntries()).isEqualTo(5);
            assertThat(index.entryCount()).isEqualTo(5);
            index.reset();
            assertThat(index.entryCount()).isZero();
            assertThat(index.maxEntries()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void anEmptyExistingFileIsTreatedAsNew(IndexKind kind) throws IOException {
        Path file = kind.file(dir, BASE);
        Files.createFile(file);
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(3))) {
            assertThat(index.entryCount()).isZero();
        }
        assertThat(ByteBuffer.wrap(Files.readAllBytes(file)).getInt(0)).isEqualTo(kind.magic);
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void badMagicIsCorrupt(IndexKind kind) throws IOException {
        Path file = writeSampleIndex(kind, 2);
        IndexKind.overwrite(file, 0, ByteBuffer.allocate(4).putInt(0, 0xCAFEBABE));
        assertCorrupt(kind, file, BASE, "header magic 0xCAFEBABE is not");
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void badVersionIsCorrupt(IndexKind kind) throws IOException {
        Path file = writeSampleIndex(kind, 2);
        IndexKind.overwrite(file, 4, ByteBuffer.allocate(2).putShort(0, (short) 2));
        assertCorrupt(kind, file, BASE, "header version 2 is not 1");
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void badEntrySizeIsCorrupt(IndexKind kind) throws IOException {
        Path file = writeSampleIndex(kind, 2);
        IndexKind.overwrite(file, 6, ByteBuffer.allocate(2).putShort(0, (short) 4));
        assertCorrupt(kind, file, BASE, "header entry size 4 is not " + kind.entrySize);
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void anotherSegmentsBaseOffsetIsCorrupt(IndexKind kind) throws IOException {
        Path file = writeSampleIndex(kind, 2);
        assertCorrupt(kind, file, BASE + 1, "header base offset 1000 is not the segment's 1001");
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void theOtherKindsFileIsCorrupt(IndexKind kind) throws IOException {
        IndexKind other = kind == IndexKind.OFFSET ? IndexKind.TIME : IndexKind.OFFSET;
        Path file = writeSampleIndex(other, 2);
        String otherMagic = other == IndexKind.OFFSET ? "\"BRKO\"" : "\"BRKT\"";
        assertCorrupt(kind, file, BASE, "header magic 0x" + Integer.toHexString(other.magic).toUpperCase() + " "
                + otherMagic);
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void aFileShorterThanTheHeaderIsCorrupt(IndexKind kind) throws IOException {
        Path file = kind.file(dir, BASE);
        Files.write(file, new byte[10]);
        assertCorrupt(kind, file, BASE, "length 10 is shorter than the 16-byte header");
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void aLengthThatIsNotWholeEntriesIsCorrupt(IndexKind kind) throws IOException {
        Path file = writeSampleIndex(kind, 2);
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(kind.sizeFor(3) + 3);
        }
        assertCorrupt(kind, file, BASE, "is not the header plus whole " + kind.entrySize + "-byte entries");
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void theZeroTailEndsTheList(IndexKind kind) throws IOException {
        Path file = kind.file(dir, BASE);
        Files.write(file, new byte[kind.sizeFor(8)]);
        IndexKind.overwrite(file, 0, header(kind, BASE));
        IndexKind.overwrite(file, kind.sizeFor(0), kind.entryBytes(5, 50));
        IndexKind.overwrite(file, kind.sizeFor(1), kind.entryBytes(9, 90));
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(8))) {
            assertThat(index.entryCount()).isEqualTo(2);
            sanityCheck(index);
        }
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void aZeroHoleBeforeLaterEntriesIsFoundBySanityCheck(IndexKind kind) throws IOException {
        Path file = kind.file(dir, BASE);
        Files.write(file, new byte[kind.sizeFor(8)]);
        IndexKind.overwrite(file, 0, header(kind, BASE));
        for (int slot = 0; slot < 8; slot++) {
            if (slot != 2) { // a page that never reached the disk, say
                IndexKind.overwrite(file, kind.sizeFor(slot), kind.entryBytes(slot + 1, 10 * (slot + 1)));
            }
        }
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(8))) {
            assertThatThrownBy(() -> sanityCheck(index)).isInstanceOf(CorruptIndexException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("entry 2: relative offset 0");
        }
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void garbageEndingTheListIsFoundBySanityCheck(IndexKind kind) throws IOException {
        Path file = writeSampleIndex(kind, 2);
        IndexKind.overwrite(file, kind.sizeFor(2), kind.entryBytes(-7, 0));
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(10))) {
            assertThat(index.entryCount()).isEqualTo(2);
            assertThatThrownBy(() -> sanityCheck(index)).isInstanceOf(CorruptIndexException.class)
                    .hasMessageContaining("entry 2 after the last valid entry is not zero");
        }
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void truncatedEntriesDoNotComeBackOnReopen(IndexKind kind) throws IOException {
        Path file = kind.file(dir, BASE);
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(10))) {
            for (int n = 0; n < 6; n++) {
                kind.appendNth(index, n);
            }
            index.truncateTo(BASE + 30); // keeps base+10 and base+20
            assertThat(index.entryCount()).isEqualTo(2);
        }
        try (AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(10))) {
            assertThat(index.entryCount()).isEqualTo(2);
            sanityCheck(index);
        }
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void aClosedIndexRefusesUseAndClosingTwiceIsHarmless(IndexKind kind) throws IOException {
        AbstractMappedIndex<?> index = kind.open(kind.file(dir, BASE), BASE, kind.sizeFor(10));
        kind.appendNth(index, 0);
        index.close();
        index.close();
        assertThatThrownBy(index::lastEntry).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> index.entry(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> kind.appendNth(index, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(index::trimToValidSize).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(index::flush).isInstanceOf(IllegalStateException.class);
        assertThat(index.toString()).contains("closed");
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void deleteIfExistsClosesAndDeletes(IndexKind kind) throws IOException {
        Path file = kind.file(dir, BASE);
        AbstractMappedIndex<?> index = kind.open(file, BASE, kind.sizeFor(10));
        kind.appendNth(index, 0);
        index.flush();
        assertThat(index.deleteIfExists()).isTrue();
        assertThat(file).doesNotExist();
        assertThat(index.deleteIfExists()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void argumentsAreChecked(IndexKind kind) {
        Path file = kind.file(dir, BASE);
        assertThatThrownBy(() -> kind.open(file, -1, kind.sizeFor(10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kind.open(file, BASE, kind.sizeFor(1) - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no room for one");
        assertThat(file).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void entryIsBoundsChecked(IndexKind kind) throws IOException {
        try (AbstractMappedIndex<?> index = kind.open(kind.file(dir, BASE), BASE, kind.sizeFor(10))) {
            kind.appendNth(index, 0);
            assertThat(index.entry(0)).isEqualTo(index.lastEntry());
            assertThatThrownBy(() -> index.entry(1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> index.entry(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void eagerUnmappingIsAvailableWithoutFlags(IndexKind kind) {
        assertThat(MappedFiles.unmapsEagerly()).as(kind.name()).isTrue();
    }

    private static ByteBuffer header(IndexKind kind, long baseOffset) {
        ByteBuffer header = ByteBuffer.allocate(16);
        IndexHeader.current(kind.magic, kind.entrySize, baseOffset).writeTo(header);
        return header;
    }

    private static void sanityCheck(AbstractMappedIndex<?> index) throws CorruptIndexException {
        if (index instanceof OffsetIndex offsetIndex) {
            offsetIndex.sanityCheck(Integer.MAX_VALUE);
        } else {
            ((TimeIndex) index).sanityCheck();
        }
    }

    private void assertCorrupt(IndexKind kind, Path file, long baseOffset, String problem) {
        assertThatThrownBy(() -> kind.open(file, baseOffset, kind.sizeFor(10)))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((CorruptIndexException) e).file()).isEqualTo(file));
    }
}

package dev.brook.log.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetIndexTest {
    private static final long BASE = 5_000;

    @TempDir
    Path dir;

    private Path file;
    private OffsetIndex index;

    @BeforeEach
    void open() throws IOException {
        file = IndexKind.OFFSET.file(dir, BASE);
        index = OffsetIndex.open(file, BASE, IndexKind.OFFSET.sizeFor(8));
    }

    @AfterEach
    void close() {
        index.close();
    }

    private void appendThree() {
        index.append(BASE + 10, 100);
        index.append(BASE + 20, 200);
        index.append(BASE + 30, 300);
    }

    @Test
    void anEmptyIndexFallsBackToTheSegmentStart() {
        OffsetPosition start = new OffsetPosition(BASE, 0);
        assertThat(index.lookup(BASE)).isEqualTo(start);
        assertThat(index.lookup(BASE + 1_000)).isEqualTo(start);
        assertThat(index.lookup(Long.MAX_VALUE)).isEqualTo(start);
        assertThat(index.lastEntry()).isEqualTo(start);
    }

    @Test
    void lookupReturnsTheLargestEntryAtOrBelowTheTarget() {
        appendThree();
        OffsetPosition start = new OffsetPosition(BASE, 0);
        assertThat(index.lookup(Long.MIN_VALUE)).isEqualTo(start);
        assertThat(index.lookup(BASE - 1)).isEqualTo(start);
        assertThat(index.lookup(BASE)).isEqualTo(start);
        assertThat(index.lookup(BASE + 9)).isEqualTo(start);
        assertThat(index.lookup(BASE + 10)).isEqualTo(new OffsetPosition(BASE + 10, 100));
        assertThat(index.lookup(BASE + 19)).isEqualTo(new OffsetPosition(BASE + 10, 100));
        assertThat(index.lookup(BASE + 20)).isEqualTo(new OffsetPosition(BASE + 20, 200));
        assertThat(index.lookup(BASE + 30)).isEqualTo(new OffsetPosition(BASE + 30, 300));
        assertThat(index.lookup(Long.MAX_VALUE)).isEqualTo(new OffsetPosition(BASE + 30, 300));
        assertThat(index.lastEntry()).isEqualTo(new OffsetPosition(BASE + 30, 300));
        assertThat(index.entry(1)).isEqualTo(new OffsetPosition(BASE + 20, 200));
        assertThat(index.entryCount()).isEqualTo(3);
    }

    @Test
    void entriesAreWrittenAsDocumented() throws IOException {
        index.append(BASE + 7, 4_242);
        index.flush();
        ByteBuffer entry = IndexKind.read(file, 16, 8);
        assertThat(entry.getInt(0)).isEqualTo(7);
        assertThat(entry.getInt(4)).isEqualTo(4_242);
    }

    @Test
    void appendRefusesEntriesThatBreakTheOrder() {
        index.append(BASE + 10, 100);
        assertInvalid(BASE, 200, "not above the base offset");
        assertInvalid(BASE - 1, 200, "not above the base offset");
        assertInvalid(BASE + 10, 200, "not above the last entry's");
        assertInvalid(BASE + 5, 200, "not above the last entry's");
        assertInvalid(BASE + 11, 100, "position 100 is not above the last entry's 100");
        assertInvalid(BASE + 11, 50, "not above the last entry's");
        assertInvalid(BASE + 11, -1, "position -1 is negative");
        assertInvalid(BASE + Integer.MAX_VALUE + 1L, 200, "more than 2^31-1 above");
        assertThat(index.entryCount()).isEqualTo(1);
        index.append(BASE + Integer.MAX_VALUE, 200);
        assertThat(index.lastEntry()).isEqualTo(new OffsetPosition(BASE + Integer.MAX_VALUE, 200));
    }

    @Test
    void theFirstEntryMayStartAtPositionZeroAfterCompaction() {
        // A compacted segment's first batch can sit above the base offset.
        index.append(BASE + 3, 0);
        assertThat(index.lookup(BASE + 3)).isEqualTo(new OffsetPosition(BASE + 3, 0));
    }

    @Test
    void aFullIndexRefusesAppendsButStillAnswers() {
        for (int n = 1; n <= 8; n++) {
            assertThat(index.isFull()).isFalse();
            index.append(BASE + n, n * 10);
        }
        assertThat(index.isFull()).isTrue();
        assertThatThrownBy(() -> index.append(BASE + 9, 90)).isInstanceOf(IndexFullException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("8 entries");
        assertThat(index.entryCount()).isEqualTo(8);
        assertThat(index.lookup(BASE + 100)).isEqualTo(new OffsetPosition(BASE + 8, 80));
    }

    @Test
    void truncateToRemovesEntriesAtOrAboveTheOffset() {
        appendThree();
        index.truncateTo(BASE + 31);
        assertThat(index.entryCount()).isEqualTo(3);
        index.truncateTo(BASE + 25);
        assertThat(index.entryCount()).isEqualTo(2);
        assertThat(index.lastEntry()).isEqualTo(new OffsetPosition(BASE + 20, 200));
        index.truncateTo(BASE + 20);
        assertThat(index.lastEntry()).isEqualTo(new OffsetPosition(BASE + 10, 100));
        index.append(BASE + 15, 150);
        assertThat(index.lookup(BASE + 99)).isEqualTo(new OffsetPosition(BASE + 15, 150));
        index.truncateTo(BASE);
        assertThat(index.entryCount()).isZero();
        index.append(BASE + 1, 1);
        index.truncateTo(Long.MIN_VALUE);
        assertThat(index.entryCount()).isZero();
    }

    @Test
    void truncateToPositionRemovesEntriesAtOrAboveThePosition() {
        appendThree();
        index.truncateToPosition(301);
        assertThat(index.entryCount()).isEqualTo(3);
        index.truncateToPosition(300);
        assertThat(index.lastEntry()).isEqualTo(new OffsetPosition(BASE + 20, 200));
        index.truncateToPosition(150);
        assertThat(index.lastEntry()).isEqualTo(new OffsetPosition(BASE + 10, 100));
        index.truncateToPosition(0);
        assertThat(index.entryCount()).isZero();
    }

    @Test
    void resetEmptiesATrimmedIndexAndMakesRoomAgain() throws IOException {
        appendThree();
        index.trimToValidSize();
        assertThat(index.isFull()).isTrue();
        index.reset();
        assertThat(index.entryCount()).isZero();
        assertThat(index.maxEntries()).isEqualTo(8);
        assertThat(Files.size(file)).isEqualTo(IndexKind.OFFSET.sizeFor(8));
        index.append(BASE + 1, 5);
        assertThat(index.lookup(BASE + 2)).isEqualTo(new OffsetPosition(BASE + 1, 5));
    }

    @Test
    void lookupsAgreeAcrossTheWarmTailBoundary() throws IOException {
        index.close();
        int count = 5_000; // more than the 1024 entries of the 8 KiB warm tail
        index = OffsetIndex.open(file, BASE, IndexKind.OFFSET.sizeFor(count));
        for (int n = 1; n <= count; n++) {
            index.append(BASE + 3L * n, 7 * n);
        }
        for (long target = BASE - 2; target <= BASE + 3L * count + 2; target++) {
            long n = Math.min(count, (target - BASE) / 3);
            OffsetPosition expected = n <= 0 ? new OffsetPosition(BASE, 0)
                    : new OffsetPosition(BASE + 3 * n, (int) (7 * n));
            assertThat(index.lookup(target)).as("target %d", target).isEqualTo(expected);
        }
    }

    @Test
    void sanityCheckAcceptsAConsistentIndex() throws CorruptIndexException {
        index.sanityCheck(0);
        appendThree();
        index.sanityCheck(301);
    }

    @Test
    void sanityCheckRefusesPositionsBeyondTheLog() {
        appendThree();
        assertThatThrownBy(() -> index.sanityCheck(300)).isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("entry 2: position 300 is not below the log size 300");
    }

    @Test
    void sanityCheckRefusesOffsetsThatDoNotIncrease() throws IOException {
        assertThat(corruptEntry(1, IndexKind.OFFSET.entryBytes(10, 250)).getMessage())
                .contains("entry 1: offset 5010 is not above the previous entry's 5010");
    }

    @Test
    void sanityCheckRefusesPositionsThatDoNotIncrease() throws IOException {
        assertThat(corruptEntry(2, IndexKind.OFFSET.entryBytes(30, 150)).getMessage())
                .contains("entry 2: position 150 is not above the previous entry's 200");
    }

    /** Writes the sample entries, replaces one on disk, reopens and returns what sanityCheck throws. */
    private CorruptIndexException corruptEntry(int slot, ByteBuffer entry) throws IOException {
        appendThree();
        index.close();
        IndexKind.overwrite(file, IndexKind.OFFSET.sizeFor(slot), entry);
        index = OffsetIndex.open(file, BASE, IndexKind.OFFSET.sizeFor(8));
        assertThat(index.entryCount()).isEqualTo(3);
        try {
            index.sanityCheck(Integer.MAX_VALUE);
        } catch (CorruptIndexException e) {
            assertThat(e.file()).isEqualTo(file);
            return e;
        }
        throw new AssertionError("sanityCheck accepted a corrupt index");
    }

    private void assertInvalid(long offset, int position, String problem) {
        assertThatThrownBy(() -> index.append(offset, position)).isInstanceOf(InvalidIndexEntryException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(problem);
    }
}

package dev.brook.log.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeIndexTest {
    private static final long BASE = 70;
    private static final TimestampOffset START = new TimestampOffset(TimestampOffset.NO_TIMESTAMP, BASE);

    @TempDir
    Path dir;

    private Path file;
    private TimeIndex index;

    @BeforeEach
    void open() throws IOException {
        file = IndexKind.TIME.file(dir, BASE);
        index = TimeIndex.open(file, BASE, IndexKind.TIME.sizeFor(6));
    }

    @AfterEach
    void close() {
        index.close();
    }

    private void appendThree() {
        assertThat(index.maybeAppend(100, BASE + 10)).isTrue();
        assertThat(index.maybeAppend(200, BASE + 20)).isTrue();
        assertThat(index.maybeAppend(300, BASE + 30)).isTrue();
    }

    @Test
    void anEmptyIndexFallsBackToTheSegmentStart() {
        assertThat(index.lookup(0)).isEqualTo(START);
        assertThat(index.lookup(Long.MAX_VALUE)).isEqualTo(START);
        assertThat(index.lastEntry()).isEqualTo(START);
    }

    @Test
    void lookupReturnsTheLargestTimestampStrictlyBelowTheTarget() {
        appendThree();
        assertThat(index.lookup(Long.MIN_VALUE)).isEqualTo(START);
        assertThat(index.lookup(-5)).isEqualTo(START);
        assertThat(index.lookup(100)).isEqualTo(START);
        assertThat(index.lookup(101)).isEqualTo(new TimestampOffset(100, BASE + 10));
        assertThat(index.lookup(200)).isEqualTo(new TimestampOffset(100, BASE + 10));
        assertThat(index.lookup(201)).isEqualTo(new TimestampOffset(200, BASE + 20));
        assertThat(index.lookup(Long.MAX_VALUE)).isEqualTo(new TimestampOffset(300, BASE + 30));
        assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(300, BASE + 30));
    }

    @Test
    void entriesAreWrittenAsDocumented() throws IOException {
        index.maybeAppend(1_700_000_000_123L, BASE + 9);
        index.flush();
        ByteBuffer entry = IndexKind.read(file, 16, 12);
        assertThat(entry.getLong(0)).isEqualTo(1_700_000_000_123L);
        assertThat(entry.getInt(8)).isEqualTo(9);
    }

    @Test
    void onlyAGrowingTimestampAddsAnEntry() {
        appendThree();
        assertThat(index.maybeAppend(300, BASE + 40)).isFalse();
        assertThat(index.maybeAppend(250, BASE + 40)).isFalse();
        assertThat(index.entryCount()).isEqualTo(3);
        assertThat(index.maybeAppend(301, BASE + 40)).isTrue();
        assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(301, BASE + 40));
    }

    @Test
    void anEntryAtTheBaseOffsetIsCoveredByTheFallback() {
        assertThat(index.maybeAppend(500, BASE)).isFalse();
        assertThat(index.entryCount()).isZero();
        assertThat(index.lookup(600)).isEqualTo(START);
    }

    @Test
    void appendRefusesOffsetsThatBreakTheOrder() {
        assertThatThrownBy(() -> index.maybeAppend(100, BASE - 1)).isInstanceOf(InvalidIndexEntryException.class)
                .hasMessageContaining("below the base offset");
        appendThree();
        assertThatThrownBy(() -> index.maybeAppend(400, BASE + 30)).isInstanceOf(InvalidIndexEntryException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not above the last entry's 100");
        assertThatThrownBy(() -> index.maybeAppend(400, BASE)).isInstanceOf(InvalidIndexEntryException.class)
                .hasMessageContaining("not above the base offset");
        assertThatThrownBy(() -> index.maybeAppend(400, BASE + Integer.MAX_VALUE + 1L))
                .isInstanceOf(InvalidIndexEntryException.class).hasMessageContaining("more than 2^31-1 above");
        assertThat(index.entryCount()).isEqualTo(3);
    }

    @Test
    void aFullIndexRefusesOnlyEntriesThatAreDue() {
        for (int n = 1; n <= 6; n++) {
            index.maybeAppend(n * 10L, BASE + n);
        }
        assertThat(index.isFull()).isTrue();
        assertThat(index.maybeAppend(60, BASE + 7)).isFalse();
        assertThatThrownBy(() -> index.maybeAppend(61, BASE + 7)).isInstanceOf(IndexFullException.class);
        assertThat(index.entryCount()).isEqualTo(6);
    }

    @Test
    void truncateToRemovesEntriesAtOrAboveTheOffset() {
        appendThree();
        index.truncateTo(BASE + 21);
        assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(200, BASE + 20));
        index.truncateTo(BASE + 20);
        assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(100, BASE + 10));
        // After truncation a lower timestamp than the removed ones may be indexed again.
        assertThat(index.maybeAppend(150, BASE + 15)).isTrue();
        assertThat(index.lookup(1_000)).isEqualTo(new TimestampOffset(150, BASE + 15));
        index.truncateTo(0);
        assertThat(index.lastEntry()).isEqualTo(START);
    }

    @Test
    void resetEmptiesTheIndex() throws IOException {
        appendThree();
        index.trimToValidSize();
        index.reset();
        assertThat(index.entryCount()).isZero();
        assertThat(index.maxEntries()).isEqualTo(6);
        assertThat(index.maybeAppend(5, BASE + 1)).isTrue();
    }

    @Test
    void reopenKeepsEntries() throws IOException {
        appendThree();
        index.close();
        index = TimeIndex.open(file, BASE, IndexKind.TIME.sizeFor(6));
        assertThat(index.entryCount()).isEqualTo(3);
        assertThat(index.lookup(250)).isEqualTo(new TimestampOffset(200, BASE + 20));
        assertThat(index.maybeAppend(300, BASE + 40)).isFalse(); // the last timestamp is known again
    }

    @Test
    void sanityCheckAcceptsAConsistentIndex() throws CorruptIndexException {
        index.sanityCheck();
        appendThree();
        index.sanityCheck();
    }

    @Test
    void sanityCheckRefusesTimestampsThatDoNotIncrease() throws IOException {
        appendThree();
        index.close();
        IndexKind.overwrite(file, IndexKind.TIME.sizeFor(2), IndexKind.TIME.entryBytes(30, 200));
        index = TimeIndex.open(file, BASE, IndexKind.TIME.sizeFor(6));
        assertThatThrownBy(index::sanityCheck).isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("entry 2: timestamp 200 is not above the previous entry's 200");
    }

    @Test
    void sanityCheckRefusesOffsetsThatDoNotIncrease() throws IOException {
        appendThree();
        index.close();
        IndexKind.overwrite(file, IndexKind.TIME.sizeFor(1), IndexKind.TIME.entryBytes(5, 200));
        index = TimeIndex.open(file, BASE, IndexKind.TIME.sizeFor(6));
        assertThatThrownBy(index::sanityCheck).isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("entry 1: offset 75 is not above the previous entry's 80");
    }
}

package dev.brook.log.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

class TimeIndexModelTest extends AbstractIndexModelTest<TimeIndex, TimestampOffset> {
    @Override
    IndexKind kind() {
        return IndexKind.TIME;
    }

    @Override
    TimeIndex open(Path file, long baseOffset, int maxIndexSize) throws IOException {
        return TimeIndex.open(file, baseOffset, maxIndexSize);
    }

    @Override
    TimestampOffset fallback() {
        return new TimestampOffset(TimestampOffset.NO_TIMESTAMP, base);
    }

    @Override
    void randomAppend() {
        TimestampOffset last = lastModelEntry();
        long lastOffset = last == null ? base : last.offset();
        int choice = random.nextInt(20);
        if (choice == 0) { // offset below the base
            long offset = base - 1 - random.nextInt(3);
            assertRefused(() -> index.maybeAppend(randomGrowingTimestamp(last), offset),
                    InvalidIndexEntryException.class);
        } else if (choice == 1 && last != null) { // the timestamp grows but the offset does not
            long offset = lastOffset - random.nextInt(3);
            assertRefused(() -> index.maybeAppend(randomGrowingTimestamp(last), offset),
                    InvalidIndexEntryException.class);
        } else if (choice < 6 && last != null) { // the timestamp does not grow: nothing to add
            long timestamp = last.timestamp() - random.nextInt(3);
            assertThat(index.maybeAppend(timestamp, lastOffset + 1 + random.nextInt(40))).isFalse();
        } else if (choice == 6 && last == null) { // the segment start: covered by the fallback
            assertThat(index.maybeAppend(randomGrowingTimestamp(null), base)).isFalse();
        } else {
            long timestamp = randomGrowingTimestamp(last);
            long offset = lastOffset + 1 + random.nextInt(40);
            if (model.size() >= capacity) {
                assertRefused(() -> index.maybeAppend(timestamp, offset), IndexFullException.class);
            } else {
                assertThat(index.maybeAppend(timestamp, offset)).isTrue();
                model.put(offset, new TimestampOffset(timestamp, offset));
            }
        }
    }

    private long randomGrowingTimestamp(TimestampOffset last) {
        return last == null ? random.nextLong(-50, 1_000_000) : last.timestamp() + 1 + random.nextInt(1_000);
    }

    @Override
    long lookupKey(TimestampOffset entry) {
        return entry.timestamp();
    }

    @Override
    TimestampOffset lookup(long target) {
        return index.lookup(target);
    }

    @Override
    TimestampOffset expectedLookup(long target) {
        TimestampOffset expected = fallback();
        for (TimestampOffset entry : model.values()) {
            if (entry.timestamp() < target) {
                expected = entry;
            }
        }
        return expected;
    }

    @Override
    void randomOwnOperation() throws IOException {
        index.sanityCheck();
    }
}

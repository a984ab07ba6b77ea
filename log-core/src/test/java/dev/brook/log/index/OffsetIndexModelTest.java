package dev.brook.log.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

class OffsetIndexModelTest extends AbstractIndexModelTest<OffsetIndex, OffsetPosition> {
    @Override
    IndexKind kind() {
        return IndexKind.OFFSET;
    }

    @Override
    OffsetIndex open(Path file, long baseOffset, int maxIndexSize) throws IOException {
        return OffsetIndex.open(file, baseOffset, maxIndexSize);
    }

    @Override
    OffsetPosition fallback() {
        return new OffsetPosition(base, 0);
    }

    @Override
    void randomAppend() {
        OffsetPosition last = lastModelEntry();
        long lastOffset = last == null ? base : last.offset();
        int lastPosition = last == null ? -1 : last.position();
        int choice = random.nextInt(20);
        if (choice == 0) { // offset not above the last one (or the base)
            long offset = lastOffset - random.nextInt(3);
            assertRefused(() -> index.append(offset, lastPosition + 1), InvalidIndexEntryException.class);
        } else if (choice == 1) { // position not above the last one, or negative
            int position = lastPosition - random.nextInt(3);
            assertRefused(() -> index.append(lastOffset + 1, position), InvalidIndexEntryException.class);
        } else {
            long offset = lastOffset + 1 + random.nextInt(40);
            int position = lastPosition + 1 + random.nextInt(4_000);
            if (model.size() >= capacity) {
                assertRefused(() -> index.append(offset, position), IndexFullException.class);
            } else {
                index.append(offset, position);
                model.put(offset, new OffsetPosition(offset, position));
            }
        }
    }

    @Override
    long lookupKey(OffsetPosition entry) {
        return entry.offset();
    }

    @Override
    OffsetPosition lookup(long target) {
        return index.lookup(target);
    }

    @Override
    OffsetPosition expectedLookup(long target) {
        Map.Entry<Long, OffsetPosition> floor = model.floorEntry(target);
        return floor == null ? fallback() : floor.getValue();
    }

    @Override
    void randomOwnOperation() throws IOException {
        OffsetPosition last = lastModelEntry();
        int lastPosition = last == null ? 0 : last.position();
        if (random.nextBoolean()) {
            int position = random.nextInt(lastPosition + 3);
            index.truncateToPosition(position);
            model.values().removeIf(entry -> entry.position() >= position);
        } else if (last != null && random.nextInt(4) == 0) {
            assertThatThrownBy(() -> index.sanityCheck(lastPosition)).isInstanceOf(CorruptIndexException.class);
        } else {
            index.sanityCheck(lastPosition + 1L + random.nextInt(3));
        }
    }
}

package dev.brook.log.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The two index types seen through what the format tests need, so that each test runs against both. */
enum IndexKind {
    OFFSET(OffsetIndex.MAGIC, OffsetIndex.ENTRY_SIZE, ".index") {
        @Override
        AbstractMappedIndex<?> open(Path file, long baseOffset, int maxIndexSize) throws IOException {
            return OffsetIndex.open(file, baseOffset, maxIndexSize);
        }

        @Override
        void appendNth(AbstractMappedIndex<?> index, int n) {
            ((OffsetIndex) index).append(index.baseOffset() + 10L * (n + 1), 100 * (n + 1));
        }

        @Override
        ByteBuffer entryBytes(int relativeOffset, long otherField) {
            return ByteBuffer.allocate(OffsetIndex.ENTRY_SIZE).putInt(0, relativeOffset).putInt(4, (int) otherField);
        }
    },
    TIME(TimeIndex.MAGIC, TimeIndex.ENTRY_SIZE, ".timeindex") {
        @Override
        AbstractMappedIndex<?> open(Path file, long baseOffset, int maxIndexSize) throws IOException {
            return TimeIndex.open(file, baseOffset, maxIndexSize);
        }

        @Override
        void appendNth(AbstractMappedIndex<?> index, int n) {
            ((TimeIndex) index).maybeAppend(1_000L + n, index.baseOffset() + 10L * (n + 1));
        }

        @Override
        ByteBuffer entryBytes(int relativeOffset, long otherField) {
            return ByteBuffer.allocate(TimeIndex.ENTRY_SIZE).putLong(0, otherField).putInt(8, relativeOffset);
        }
    };

    final int magic;
    final int entrySize;
    final String suffix;

    IndexKind(int magic, int entrySize, String suffix) {
        this.magic = magic;
        this.entrySize = entrySize;
        this.suffix = suffix;
    }

    /** Opens an index of this kind. */
    abstract AbstractMappedIndex<?> open(Path file, long baseOffset, int maxIndexSize) throws IOException;

    /** Appends the n-th entry of a fixed sample sequence: offsets base+10, base+20, ... */
    abstract void appendNth(AbstractMappedIndex<?> index, int n);

    /** Raw bytes of one entry: the relative offset plus the position (offset index) or timestamp (time index). */
    abstract ByteBuffer entryBytes(int relativeOffset, long otherField);

    /** The segment-style file name for a base offset. */
    Path file(Path dir, long baseOffset) {
        return dir.resolve(String.format("%020d", baseOffset) + suffix);
    }

    /** File size for {@code slots} entries. */
    int sizeFor(int slots) {
        return 16 + slots * entrySize;
    }

    /** Overwrites bytes of a closed index file. */
    static void overwrite(Path file, long position, ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes, position + bytes.position());
            }
        }
    }

    /** Reads bytes of a closed index file. */
    static ByteBuffer read(Path file, long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) >= 0) {
                // keep reading
            }
        }
        return bytes.flip();
    }
}

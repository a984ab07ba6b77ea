package dev.brook.log.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Test helpers that take batches apart and put (possibly broken) batches together. */
final class TestBatches {
    private TestBatches() {
    }

    /** Decodes every record of {@code batch}. */
    static List<Record> decode(ByteBuffer batch) {
        List<Record> records = new ArrayList<>();
        try (CloseableIterator<Record> it = RecordBatch.wrap(batch).records()) {
            it.forEachRemaining(records::add);
        }
        return records;
    }

    /** The uncompressed records section of a batch with a supported codec. */
    static byte[] recordsSection(RecordBatch batch) {
        ByteBuffer section = batch.buffer().position(RecordBatch.HEADER_SIZE);
        try (InputStream in = batch.compression().codec().decompress(new ByteBufferInputStream(section))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A batch with {@code template}'s header and {@code rawRecords} as its records section, compressed with the
     * template's codec; Length and CRC are fixed so the header stays valid.
     */
    static ByteBuffer withRecordsSection(RecordBatch template, byte[] rawRecords) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer header = template.buffer().limit(RecordBatch.HEADER_SIZE);
        bytes.write(header.array(), header.arrayOffset(), RecordBatch.HEADER_SIZE);
        try (OutputStream out = template.compression().codec().compress(bytes)) {
            out.write(rawRecords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer batch = ByteBuffer.wrap(bytes.toByteArray());
        batch.putInt(RecordBatch.LENGTH_OFFSET, batch.limit() - RecordBatch.LOG_OVERHEAD);
        RecordBatch.wrap(batch).updateChecksum();
        return batch;
    }

    /** A private heap copy of the buffer's remaining bytes, position 0. */
    static ByteBuffer copy(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer.duplicate()).flip();
        return copy;
    }

    /** Recomputes the CRC of the batch at the start of {@code batch}, whose Length must be right. */
    static ByteBuffer fixChecksum(ByteBuffer batch) {
        RecordBatch.wrap(batch).updateChecksum();
        return batch;
    }

    /** The remaining bytes of a buffer. */
    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}

package dev.brook.log.record;

import java.nio.ByteBuffer;

/**
 * Record bodies of an uncompressed batch, sliced out of the batch buffer without copying. Every length is checked
 * against the bytes left in the batch before it is used.
 */
final class BufferRecordSource implements RecordSource {
    private final ByteBuffer records;
    private final int start;

    /** Reads the records between {@code records}' position and limit; the caller's buffer is not moved. */
    BufferRecordSource(ByteBuffer records) {
        this.records = records.duplicate();
        this.start = this.records.position();
    }

    @Override
    public ByteBuffer nextBody() {
        if (!records.hasRemaining()) {
            return null;
        }
        int at = records.position() - start;
        int length;
        try {
            length = Varints.readVarint(records);
        } catch (CorruptRecordException e) {
            throw new CorruptRecordException("record length at byte " + at + " of the records: " + e.getMessage(), e);
        }
        if (length < 0 || length > records.remaining()) {
            throw new CorruptRecordException("record length " + length + " at byte " + at + " of the records, but "
                    + records.remaining() + " bytes remain in the batch");
        }
        ByteBuffer body = records.slice(records.position(), length);
        records.position(records.position() + length);
        return body;
    }

    @Override
    public boolean hasTrailingBytes() {
        return records.hasRemaining();
    }

    @Override
    public long bytesRead() {
        return records.position() - start;
    }

    @Override
    public void close() {
        // Nothing to release: the bytes belong to the batch.
    }
}

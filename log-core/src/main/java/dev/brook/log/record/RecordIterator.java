package dev.brook.log.record;

import java.nio.ByteBuffer;
import java.util.NoSuchElementException;

/**
 * Lazily decodes the records of one batch, checking what spans records: exactly RecordsCount records, offset
 * deltas that strictly increase and stay within 0..LastOffsetDelta (gaps are allowed, since compaction leaves
 * them), and no byte after the last record. Any violation, and any corrupt record, raises a
 * {@link CorruptRecordException} naming the record's index; the source is closed at the end or on the first
 * error.
 */
final class RecordIterator implements CloseableIterator<Record> {
    private final RecordSource source;
    private final long baseOffset;
    private final long baseTimestamp;
    private final boolean logAppendTime;
    private final long maxTimestamp;
    private final int recordCount;
    private final int lastOffsetDelta;
    private int index;
    private long previousOffsetDelta = -1;
    private boolean endVerified;

    /** Iterates {@code batch}'s records as {@code source} yields them; the header must have valid counts. */
    RecordIterator(RecordBatch batch, RecordSource source) {
        this.source = source;
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        this.logAppendTime = batch.timestampType() == TimestampType.LOG_APPEND_TIME;
        this.maxTimestamp = batch.maxTimestamp();
        this.recordCount = batch.recordCount();
        this.lastOffsetDelta = batch.lastOffsetDelta();
    }

    @Override
    public boolean hasNext() {
        if (index < recordCount) {
            return true;
        }
        verifyEnd();
        return false;
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + recordCount + " records were returned");
        }
        try {
            Record record = decodeNext();
            index++;
            if (index == recordCount) {
                verifyEnd();
            }
            return record;
        } catch (CorruptRecordException e) {
            source.close();
            throw e;
        }
    }

    /** Uncompressed bytes of the records section consumed so far. */
    long uncompressedBytesRead() {
        return source.bytesRead();
    }

    @Override
    public void close() {
        source.close();
    }

    private Record decodeNext() {
        ByteBuffer body = source.nextBody();
        if (body == null) {
            throw new CorruptRecordException("batch declares " + recordCount + " records but its records section"
                    + " ends after " + index);
        }
        Record record;
        try {
            record = RecordParser.parse(body, baseOffset, baseTimestamp, logAppendTime, maxTimestamp);
        } catch (CorruptRecordException e) {
            throw new CorruptRecordException("record " + index + " of " + recordCount + ": " + e.getMessage(), e);
        }
        long offsetDelta = record.offset() - baseOffset;
        if (offsetDelta <= previousOffsetDelta || offsetDelta > lastOffsetDelta) {
            throw new CorruptRecordException("record " + index + " has offset delta " + offsetDelta
                    + "; deltas must increase and stay within 0.." + lastOffsetDelta + " (previous "
                    + previousOffsetDelta + ")");
        }
        previousOffsetDelta = offsetDelta;
        return record;
    }

    private void verifyEnd() {
        if (endVerified) {
            return;
        }
        endVerified = true;
        try {
            if (source.hasTrailingBytes()) {
                throw new CorruptRecordException("bytes follow the last of " + recordCount + " records (after "
                        + source.bytesRead() + " uncompressed bytes)");
            }
        } finally {
            source.close();
        }
    }
}

package dev.brook.log.record;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A view over one Kafka RecordBatch v2 (magic 2) held in a {@link ByteBuffer}: the unit Brook validates once,
 * stores as it is and serves as it is.
 *
 * <p>The wrapped buffer spans exactly one batch, from index 0 to {@link #sizeInBytes()}. All integers are
 * big-endian. The header is 61 bytes:
 *
 * <pre>
 * offset  size  field
 *      0     8  BaseOffset            assigned by the broker; not covered by the CRC
 *      8     4  Length                bytes after this field (batch size = Length + 12)
 *     12     4  PartitionLeaderEpoch  set by the broker; not covered by the CRC
 *     16     1  Magic                 always 2
 *     17     4  CRC                   unsigned CRC-32C (Castagnoli) of bytes [21, end)
 *     21     2  Attributes            bits 0-2 codec, 3 timestamp type, 4 transactional, 5 control,
 *                                     6 has delete horizon; 7-15 must be zero
 *     23     4  LastOffsetDelta       offset of the last record minus BaseOffset
 *     27     8  BaseTimestamp         first timestamp (or the delete horizon when bit 6 is set)
 *     35     8  MaxTimestamp          largest CreateTime, or the broker's time for LogAppendTime
 *     43     8  ProducerId            -1 when not idempotent
 *     51     2  ProducerEpoch         -1 when not idempotent
 *     53     4  BaseSequence          -1 when not idempotent
 *     57     4  RecordsCount          number of records (never compressed)
 *     61     *  Records               the records, one compressed blob when a codec is set
 * </pre>
 *
 * <p>Setting the base offset or the leader epoch leaves the CRC valid; changing attributes or the max
 * timestamp recomputes it. A view is not thread-safe; the bytes it wraps are shared, not copied.
 */
public final class RecordBatch {
    /** Offset of the BaseOffset field. */
    public static final int BASE_OFFSET_OFFSET = 0;
    /** Offset of the Length field. */
    public static final int LENGTH_OFFSET = 8;
    /** Offset of the PartitionLeaderEpoch field. */
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    /** Offset of the Magic byte. */
    public static final int MAGIC_OFFSET = 16;
    /** Offset of the CRC field. */
    public static final int CRC_OFFSET = 17;
    /** Offset of the Attributes field; the CRC covers everything from here on. */
    public static final int ATTRIBUTES_OFFSET = 21;
    /** Offset of the LastOffsetDelta field. */
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    /** Offset of the BaseTimestamp field. */
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    /** Offset of the MaxTimestamp field. */
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    /** Offset of the ProducerId field. */
    public static final int PRODUCER_ID_OFFSET = 43;
    /** Offset of the ProducerEpoch field. */
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    /** Offset of the BaseSequence field. */
    public static final int BASE_SEQUENCE_OFFSET = 53;
    /** Offset of the RecordsCount field. */
    public static final int RECORDS_COUNT_OFFSET = 57;
    /** Size of the batch header; records start here. */
    public static final int HEADER_SIZE = 61;
    /** Bytes before the Length field's coverage starts: BaseOffset and Length themselves. */
    public static final int LOG_OVERHEAD = 12;
    /** The only message format Brook stores. */
    public static final byte MAGIC_V2 = 2;
    /** Value of producer id, epoch and sequence fields of non-idempotent batches. */
    public static final long NO_PRODUCER_ID = -1L;
    /** Epoch value of non-idempotent batches. */
    public static final short NO_PRODUCER_EPOCH = -1;
    /** Sequence value of non-idempotent batches. */
    public static final int NO_SEQUENCE = -1;
    /** Timestamp value meaning "none". */
    public static final long NO_TIMESTAMP = -1L;
    /**
     * Default cap on the decompressed size of one batch's records section: 64 MiB, 64 times Kafka's default
     * 1 MiB maximum batch. Decoding streams one record at a time, so the cap bounds the work and the largest single
     * record (held twice while it is read) rather than what is held at once; it exists so that a small compressed
     * batch cannot expand without limit (a decompression bomb). Callers that accept larger batches pass their own.
     */
    public static final long DEFAULT_MAX_UNCOMPRESSED_BYTES = 64L * 1024 * 1024;

    static final int COMPRESSION_MASK = 0x07;
    static final int TIMESTAMP_TYPE_MASK = 0x08;
    static final int TRANSACTIONAL_MASK = 0x10;
    static final int CONTROL_MASK = 0x20;
    static final int DELETE_HORIZON_MASK = 0x40;
    static final int UNUSED_ATTRIBUTE_MASK = 0xFF80;

    private final ByteBuffer buffer;

    private RecordBatch(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * Wraps the batch that starts at {@code buffer}'s position. Only the size fields are checked here; call
     * {@link #ensureValid()} before trusting the contents.
     *
     * @throws CorruptRecordException if fewer bytes remain than the header or the batch claims
     */
    public static RecordBatch wrap(ByteBuffer buffer) {
        int remaining = buffer.remaining();
        if (remaining < HEADER_SIZE) {
            throw new CorruptRecordException("batch header truncated: " + remaining + " bytes, need " + HEADER_SIZE);
        }
        int length = buffer.getInt(buffer.position() + LENGTH_OFFSET);
        long size = (long) length + LOG_OVERHEAD;
        if (size < HEADER_SIZE) {
            throw new CorruptRecordException("batch length " + length + " is smaller than the v2 header");
        }
        if (size > remaining) {
            throw new CorruptRecordException("batch truncated: length field says " + size + " bytes, " + remaining
                    + " available");
        }
        ByteBuffer slice = buffer.slice(buffer.position(), (int) size);
        return new RecordBatch(slice);
    }

    /** The batch bytes, from index 0 to {@link #sizeInBytes()}; shared with this view. */
    public ByteBuffer buffer() {
        return buffer.duplicate().clear();
    }

    /** Total size of the batch in bytes, header included. */
    public int sizeInBytes() {
        return buffer.capacity();
    }

    /** The offset of the first record; the broker overwrites it on append. */
    public long baseOffset() {
        return buffer.getLong(BASE_OFFSET_OFFSET);
    }

    /** Offset of the last record: base offset plus the last offset delta. */
    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    /** Offset the next batch starts at. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    /** The Length field: bytes after it, so {@link #sizeInBytes()} minus {@link #LOG_OVERHEAD}. */
    public int length() {
        return buffer.getInt(LENGTH_OFFSET);
    }

    /** The leader epoch of the broker that appended the batch; the broker overwrites it on append. */
    public int partitionLeaderEpoch() {
        return buffer.getInt(PARTITION_LEADER_EPOCH_OFFSET);
    }

    /** The Magic byte; {@link #MAGIC_V2} for every batch Brook stores. */
    public byte magic() {
        return buffer.get(MAGIC_OFFSET);
    }

    /** The stored CRC-32C as an unsigned value. */
    public long checksum() {
        return Integer.toUnsignedLong(buffer.getInt(CRC_OFFSET));
    }

    /** The raw 16-bit attributes. */
    public short attributes() {
        return buffer.getShort(ATTRIBUTES_OFFSET);
    }

    /** Compression codec id: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
    public int compressionId() {
        return attributes() & COMPRESSION_MASK;
    }

    /** Attribute bit 3: who assigned the timestamps. */
    public TimestampType timestampType() {
        return (attributes() & TIMESTAMP_TYPE_MASK) == 0 ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
    }

    /** Attribute bit 4: the batch belongs to a transaction. */
    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_MASK) != 0;
    }

    /** Attribute bit 5: the batch holds one control record (a transaction marker or a KRaft message). */
    public boolean isControlBatch() {
        return (attributes() & CONTROL_MASK) != 0;
    }

    /** Whether the base timestamp carries the compaction delete horizon (KIP-534). */
    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_MASK) != 0;
    }

    /**
     * The compaction delete horizon (KIP-534) carried in the base timestamp, or {@link #NO_TIMESTAMP} when
     * attribute bit 6 is clear.
     */
    public long deleteHorizonMs() {
        return hasDeleteHorizon() ? baseTimestamp() : NO_TIMESTAMP;
    }

    /**
     * The codec from attribute bits 0-2, supported or not.
     *
     * @throws UnsupportedCompressionException if the bits hold 5-7, which name no codec
     */
    public Compression compression() {
        return Compression.forId(compressionId());
    }

    /** Offset of the last record minus the base offset; kept by compaction even when that record is removed. */
    public int lastOffsetDelta() {
        return buffer.getInt(LAST_OFFSET_DELTA_OFFSET);
    }

    /** Timestamp of the first record, or the delete horizon when {@link #hasDeleteHorizon()}. */
    public long baseTimestamp() {
        return buffer.getLong(BASE_TIMESTAMP_OFFSET);
    }

    /** The largest record timestamp, or the append time for LogAppendTime batches. */
    public long maxTimestamp() {
        return buffer.getLong(MAX_TIMESTAMP_OFFSET);
    }

    /** The idempotent producer's id, or {@link #NO_PRODUCER_ID}. */
    public long producerId() {
        return buffer.getLong(PRODUCER_ID_OFFSET);
    }

    /** The idempotent producer's epoch, or {@link #NO_PRODUCER_EPOCH}. */
    public short producerEpoch() {
        return buffer.getShort(PRODUCER_EPOCH_OFFSET);
    }

    /** Sequence number of the first record, or {@link #NO_SEQUENCE}. */
    public int baseSequence() {
        return buffer.getInt(BASE_SEQUENCE_OFFSET);
    }

    /** Sequence of the last record, wrapping at {@link Integer#MAX_VALUE} as Kafka does. */
    public int lastSequence() {
        int base = baseSequence();
        if (base == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        long last = (long) base + lastOffsetDelta();
        return last > Integer.MAX_VALUE ? (int) (last - Integer.MAX_VALUE - 1) : (int) last;
    }

    /** The RecordsCount field: how many records the records section holds. */
    public int recordCount() {
        return buffer.getInt(RECORDS_COUNT_OFFSET);
    }

    /** Computes the CRC-32C of bytes [21, end), which the CRC field must equal. */
    public long computeChecksum() {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().clear().position(ATTRIBUTES_OFFSET));
        return crc.getValue();
    }

    /** Whether the stored CRC matches the bytes. */
    public boolean isValidChecksum() {
        return checksum() == computeChecksum();
    }

    /**
     * Checks the header: magic 2, a CRC that matches, no unused attribute bits, a non-negative record count
     * and last offset delta. Record-level checks (offset deltas, record sizes, the codec) are
     * {@link BatchValidator}'s job.
     *
     * @throws CorruptRecordException naming the first problem found
     */
    public void ensureValid() {
        if (magic() != MAGIC_V2) {
            throw new CorruptRecordException("unsupported magic " + magic() + " (only RecordBatch v2 is stored)");
        }
        long stored = checksum();
        long computed = computeChecksum();
        if (stored != computed) {
            throw new CorruptRecordException("CRC mismatch: stored " + Long.toHexString(stored) + ", computed "
                    + Long.toHexString(computed) + " (batch of " + sizeInBytes() + " bytes at base offset "
                    + baseOffset() + ")");
        }
        if ((attributes() & UNUSED_ATTRIBUTE_MASK) != 0) {
            throw new CorruptRecordException("unused attribute bits set: 0x" + Integer.toHexString(attributes() & 0xFFFF));
        }
        if (recordCount() < 0 || lastOffsetDelta() < 0) {
            throw new CorruptRecordException("negative record count " + recordCount() + " or last offset delta "
                    + lastOffsetDelta());
        }
    }

    /**
     * Decodes the records lazily, in offset order, with the {@linkplain #DEFAULT_MAX_UNCOMPRESSED_BYTES default}
     * decompression cap. See {@link #records(long)}.
     */
    public CloseableIterator<Record> records() {
        return records(DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }

    /**
     * Decodes the records lazily, in offset order. Uncompressed batches are read in place (keys and values are
     * read-only views of this batch's bytes); compressed batches are decompressed as the iterator advances, one
     * record at a time.
     *
     * <p>The records section holds RecordsCount records back to back, each {@code Length varint, Body}, with
     * nothing after the last; with a codec the whole section is one compressed blob. The iterator checks that
     * structure, each record body's layout, and that offset deltas increase within 0..LastOffsetDelta. It does not
     * check the CRC or header fields: call {@link #ensureValid()} first, or use {@link BatchValidator}, which does
     * both and the stricter produce-time rules.
     *
     * @param maxUncompressedBytes decoding fails once the decompressed records exceed this many bytes
     * @throws UnsupportedCompressionException if the batch uses snappy, zstd or an unknown codec
     * @throws CorruptRecordException here or from {@code hasNext()}/{@code next()} when the records are corrupt
     */
    public CloseableIterator<Record> records(long maxUncompressedBytes) {
        return recordIterator(maxUncompressedBytes);
    }

    /** {@link #records(long)} with access to the decoded byte count. */
    RecordIterator recordIterator(long maxUncompressedBytes) {
        Compression compression = compression().requireSupported();
        if (recordCount() < 0) {
            throw new CorruptRecordException("negative record count " + recordCount());
        }
        ByteBuffer records = buffer.duplicate().clear().position(HEADER_SIZE);
        RecordSource source = compression == Compression.NONE
                ? new BufferRecordSource(records)
                : new CompressedRecordSource(compression, records, maxUncompressedBytes);
        return new RecordIterator(this, source);
    }

    /** Overwrites the base offset. The CRC does not cover it, so it stays valid. */
    public void setBaseOffset(long baseOffset) {
        buffer.putLong(BASE_OFFSET_OFFSET, baseOffset);
    }

    /** Overwrites the partition leader epoch. The CRC does not cover it, so it stays valid. */
    public void setPartitionLeaderEpoch(int epoch) {
        buffer.putInt(PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    /**
     * Sets the timestamp type and max timestamp, as a broker does for LogAppendTime topics, and recomputes the
     * CRC. A no-op when both already hold these values.
     */
    public void setMaxTimestamp(TimestampType type, long maxTimestamp) {
        short attrs = attributes();
        short newAttrs = (short) (type == TimestampType.LOG_APPEND_TIME
                ? attrs | TIMESTAMP_TYPE_MASK
                : attrs & ~TIMESTAMP_TYPE_MASK);
        if (newAttrs == attrs && maxTimestamp() == maxTimestamp) {
            return;
        }
        buffer.putShort(ATTRIBUTES_OFFSET, newAttrs);
        buffer.putLong(MAX_TIMESTAMP_OFFSET, maxTimestamp);
        updateChecksum();
    }

    /** Recomputes and stores the CRC after a change to the covered bytes. */
    public void updateChecksum() {
        buffer.putInt(CRC_OFFSET, (int) computeChecksum());
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset() + ", size=" + sizeInBytes()
                + ", records=" + recordCount() + ", codec=" + compressionId() + ", maxTimestamp=" + maxTimestamp() + ")";
    }
}

package dev.brook.log.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Builds one RecordBatch v2, as the embedded producer, the compactor and tests need it.
 *
 * <p>Configure the batch first (every setter refuses once a record was appended, because offset and timestamp
 * deltas are computed against the base offset and base timestamp at append time), then append records, then
 * {@link #build()} once. Records are kept uncompressed until {@code build()}, which compresses the whole records
 * section as one blob and writes the header and CRC. Not thread-safe.
 *
 * <pre>{@code
 * ByteBuffer batch = new RecordBatchBuilder(Compression.LZ4)
 *         .producer(producerId, epoch, sequence)
 *         .append(timestamp, key, value)
 *         .build();
 * }</pre>
 */
public final class RecordBatchBuilder {
    /** Kafka's value for "no leader epoch", which producers send. */
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    /** Largest batch Brook builds: a ByteBuffer's limit, less headroom for codec framing. */
    private static final int MAX_BATCH_SIZE = Integer.MAX_VALUE - 1024 * 1024;
    private static final Header[] NO_HEADERS = new Header[0];

    private final Compression compression;
    private long baseOffset;
    private int partitionLeaderEpoch = NO_PARTITION_LEADER_EPOCH;
    private TimestampType timestampType = TimestampType.CREATE_TIME;
    private long logAppendTime = RecordBatch.NO_TIMESTAMP;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private boolean transactional;
    private boolean control;
    private boolean hasDeleteHorizon;

    private ByteBuffer records = ByteBuffer.allocate(256);
    private int recordCount;
    private long lastOffset = -1;
    private long baseTimestamp = RecordBatch.NO_TIMESTAMP;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private boolean built;

    /**
     * Starts an empty CreateTime batch at base offset 0, without producer id or leader epoch.
     *
     * @throws UnsupportedCompressionException for snappy and zstd
     */
    public RecordBatchBuilder(Compression compression) {
        this.compression = compression.requireSupported();
    }

    /** Sets the offset of the first record (default 0). */
    public RecordBatchBuilder baseOffset(long baseOffset) {
        checkConfigurable();
        this.baseOffset = baseOffset;
        return this;
    }

    /** Sets the PartitionLeaderEpoch field (default {@link #NO_PARTITION_LEADER_EPOCH}). */
    public RecordBatchBuilder partitionLeaderEpoch(int epoch) {
        checkConfigurable();
        this.partitionLeaderEpoch = epoch;
        return this;
    }

    /**
     * Makes this a LogAppendTime batch: attribute bit 3 set and MaxTimestamp = {@code appendTime}, which readers
     * report as every record's timestamp. The records still carry their own timestamps as deltas.
     */
    public RecordBatchBuilder logAppendTime(long appendTime) {
        checkConfigurable();
        this.timestampType = TimestampType.LOG_APPEND_TIME;
        this.logAppendTime = appendTime;
        return this;
    }

    /** Sets the idempotent producer fields: ProducerId, ProducerEpoch, BaseSequence. */
    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        checkConfigurable();
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    /** Sets attribute bit 4; a transactional batch also needs a {@linkplain #producer producer id}. */
    public RecordBatchBuilder transactional(boolean transactional) {
        checkConfigurable();
        this.transactional = transactional;
        return this;
    }

    /**
     * Sets attribute bit 6 and stores {@code deleteHorizonMs} as the BaseTimestamp (KIP-534): the time after which
     * the compactor may drop this batch's tombstones. Record timestamps stay exact, as deltas from the horizon.
     */
    public RecordBatchBuilder deleteHorizon(long deleteHorizonMs) {
        checkConfigurable();
        this.hasDeleteHorizon = true;
        this.baseTimestamp = deleteHorizonMs;
        return this;
    }

    /**
     * Appends a record at the next offset (base offset + number of offsets used so far).
     *
     * @param timestamp the record's timestamp, or {@link RecordBatch#NO_TIMESTAMP}
     * @param key the key or {@code null}; not retained
     * @param value the value or {@code null} for a tombstone; not retained
     * @param headers the headers, possibly none
     */
    public RecordBatchBuilder append(long timestamp, byte[] key, byte[] value, Header... headers) {
        return append(timestamp, key == null ? null : ByteBuffer.wrap(key),
                value == null ? null : ByteBuffer.wrap(value), headers);
    }

    /**
     * Appends a record at the next offset (base offset + number of offsets used so far). Key and value are copied
     * from their position to their limit; the buffers are not moved.
     *
     * @param timestamp the record's timestamp, or {@link RecordBatch#NO_TIMESTAMP}
     * @param key the key or {@code null}
     * @param value the value or {@code null} for a tombstone
     * @param headers the headers, possibly none
     */
    public RecordBatchBuilder append(long timestamp, ByteBuffer key, ByteBuffer value, Header... headers) {
        return appendWithOffset(recordCount == 0 ? baseOffset : lastOffset + 1, timestamp, key, value, headers);
    }

    /**
     * Appends a record at an explicit offset, as the compactor does to keep the offsets of the records it keeps.
     * Offsets must increase; gaps are allowed.
     *
     * @throws IllegalArgumentException if {@code offset} is not above the last one, is below the base offset, or is
     *     more than {@link Integer#MAX_VALUE} past it
     */
    public RecordBatchBuilder appendWithOffset(long offset, long timestamp, ByteBuffer key, ByteBuffer value,
            Header... headers) {
        if (control) {
            throw new IllegalStateException("a control batch holds exactly one record");
        }
        return appendRecord(offset, timestamp, key, value, headers);
    }

    /**
     * Appends the single record of a control batch and marks the batch as one (attribute bit 5). The key is the
     * type's {@linkplain ControlRecordType#encodeKey() control key}; for {@link ControlRecordType#ABORT} and
     * {@link ControlRecordType#COMMIT} the value is {@code int16 version (0), int32 coordinatorEpoch}.
     *
     * @throws IllegalStateException if a record was already appended
     */
    public RecordBatchBuilder appendControl(ControlRecordType type, long timestamp, ByteBuffer value) {
        if (recordCount > 0) {
            throw new IllegalStateException("a control record must be the only record of its batch");
        }
        ByteBuffer key = type.encodeKey();
        control = true;
        return appendRecord(baseOffset, timestamp, key, value, NO_HEADERS);
    }

    /** Records appended so far. */
    public int recordCount() {
        return recordCount;
    }

    /**
     * The size of the batch so far: exact without compression; with a codec, the uncompressed size, which
     * over-estimates compressible records (incompressible ones may come out a few bytes per 64 KiB larger).
     */
    public int estimatedSizeInBytes() {
        return RecordBatch.HEADER_SIZE + records.position();
    }

    /**
     * Builds the batch: header, records (compressed as one blob when a codec is set) and CRC. Can be called once.
     *
     * @return a new buffer holding exactly the batch, position 0 and limit = its size
     * @throws IllegalStateException if no record was appended, if it was already built, or if the batch is
     *     transactional without a producer id
     */
    public ByteBuffer build() {
        checkNotBuilt();
        if (recordCount == 0) {
            throw new IllegalStateException("a v2 batch needs at least one record");
        }
        if (transactional && producerId < 0) {
            throw new IllegalStateException("a transactional batch needs a producer id");
        }
        built = true;
        ByteBuffer batch = compression == Compression.NONE ? uncompressedBatch() : compressedBatch();
        writeHeader(batch);
        RecordBatch.wrap(batch).updateChecksum();
        return batch;
    }

    private RecordBatchBuilder appendRecord(long offset, long timestamp, ByteBuffer key, ByteBuffer value,
            Header[] headers) {
        checkNotBuilt();
        Header[] safeHeaders = headers == null ? NO_HEADERS : headers;
        for (Header header : safeHeaders) {
            Objects.requireNonNull(header, "header");
        }
        if (timestamp < 0 && timestamp != RecordBatch.NO_TIMESTAMP) {
            throw new IllegalArgumentException("invalid negative timestamp " + timestamp);
        }
        long offsetDelta = offset - baseOffset;
        if (offsetDelta < 0 || offsetDelta > Integer.MAX_VALUE || (recordCount > 0 && offset <= lastOffset)) {
            throw new IllegalArgumentException("offset " + offset + " must be above the last offset " + lastOffset
                    + " and within " + Integer.MAX_VALUE + " of the base offset " + baseOffset);
        }
        if (recordCount == 0 && !hasDeleteHorizon) {
            baseTimestamp = timestamp;
        }
        long timestampDelta = timestamp - baseTimestamp;
        int size = RecordWriter.sizeInBytes((int) offsetDelta, timestampDelta, key, value, safeHeaders);
        ensureCapacity(size);
        RecordWriter.write(records, (int) offsetDelta, timestampDelta, key, value, safeHeaders);
        if (recordCount == 0 || timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
        recordCount++;
        lastOffset = offset;
        return this;
    }

    private void ensureCapacity(int recordSize) {
        long needed = (long) records.position() + recordSize;
        if (RecordBatch.HEADER_SIZE + needed > MAX_BATCH_SIZE) {
            throw new IllegalStateException("batch would exceed " + MAX_BATCH_SIZE + " bytes");
        }
        if (needed > records.capacity()) {
            long grown = Math.max(needed, 2L * records.capacity());
            ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(grown, MAX_BATCH_SIZE));
            records.flip();
            bigger.put(records);
            records = bigger;
        }
    }

    private ByteBuffer uncompressedBatch() {
        ByteBuffer batch = ByteBuffer.allocate(RecordBatch.HEADER_SIZE + records.position());
        batch.position(RecordBatch.HEADER_SIZE);
        batch.put(records.array(), 0, records.position());
        return batch.flip();
    }

    private ByteBuffer compressedBatch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(RecordBatch.HEADER_SIZE + records.position() / 2);
        // Reserve the header; it is filled in once the compressed length is known.
        bytes.write(new byte[RecordBatch.HEADER_SIZE], 0, RecordBatch.HEADER_SIZE);
        try (OutputStream out = compression.codec().compress(bytes)) {
            out.write(records.array(), 0, records.position());
        } catch (IOException e) {
            throw new UncheckedIOException("compressing into memory cannot fail", e);
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    /**
     * Fills the 61-byte header at the start of {@code batch} (big-endian) except the CRC, which covers these
     * fields from Attributes on and is computed last:
     *
     * <pre>
     * offset  field                 value written
     *      0  BaseOffset            {@link #baseOffset(long)}
     *      8  Length                batch size - 12
     *     12  PartitionLeaderEpoch  {@link #partitionLeaderEpoch(int)}
     *     16  Magic                 2
     *     17  CRC                   0 here; CRC-32C of [21, end) afterwards
     *     21  Attributes            codec | timestamp type &lt;&lt; 3 | transactional &lt;&lt; 4 | control &lt;&lt; 5
     *                               | delete horizon &lt;&lt; 6
     *     23  LastOffsetDelta       offset delta of the last record appended
     *     27  BaseTimestamp         first record's timestamp, or the delete horizon
     *     35  MaxTimestamp          largest record timestamp, or the LogAppendTime
     *     43  ProducerId            {@link #producer}, -1 by default
     *     51  ProducerEpoch         {@link #producer}, -1 by default
     *     53  BaseSequence          {@link #producer}, -1 by default
     *     57  RecordsCount          records appended
     * </pre>
     */
    private void writeHeader(ByteBuffer batch) {
        int attributes = compression.id()
                | (timestampType == TimestampType.LOG_APPEND_TIME ? RecordBatch.TIMESTAMP_TYPE_MASK : 0)
                | (transactional ? RecordBatch.TRANSACTIONAL_MASK : 0)
                | (control ? RecordBatch.CONTROL_MASK : 0)
                | (hasDeleteHorizon ? RecordBatch.DELETE_HORIZON_MASK : 0);
        batch.putLong(RecordBatch.BASE_OFFSET_OFFSET, baseOffset)
                .putInt(RecordBatch.LENGTH_OFFSET, batch.limit() - RecordBatch.LOG_OVERHEAD)
                .putInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch)
                .put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC_V2)
                .putInt(RecordBatch.CRC_OFFSET, 0)
                .putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) attributes)
                .putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, (int) (lastOffset - baseOffset))
                .putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, baseTimestamp)
                .putLong(RecordBatch.MAX_TIMESTAMP_OFFSET,
                        timestampType == TimestampType.LOG_APPEND_TIME ? logAppendTime : maxTimestamp)
                .putLong(RecordBatch.PRODUCER_ID_OFFSET, producerId)
                .putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, producerEpoch)
                .putInt(RecordBatch.BASE_SEQUENCE_OFFSET, baseSequence)
                .putInt(RecordBatch.RECORDS_COUNT_OFFSET, recordCount);
    }

    private void checkConfigurable() {
        checkNotBuilt();
        if (recordCount > 0) {
            throw new IllegalStateException("configure the batch before appending records");
        }
    }

    private void checkNotBuilt() {
        if (built) {
            throw new IllegalStateException("the batch was already built");
        }
    }
}

package dev.brook.log.record;

/**
 * The bytes are not a valid RecordBatch v2: a bad magic, CRC, size, offset delta or record layout. Maps to
 * Kafka's CORRUPT_MESSAGE (2) at the wire.
 */
public class CorruptRecordException extends InvalidBatchException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}

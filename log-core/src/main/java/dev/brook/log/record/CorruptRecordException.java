package dev.brook.log.record;

/**
 * The bytes are not a valid RecordBatch v2: a bad magic, CRC, size, offset delta or record layout. Maps to
 * Kafka's CORRUPT_MESSAGE (2) at the wire.
 */
public class CorruptRecordException extends InvalidBatchException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the problem. */
    public CorruptRecordException(String message) {
        super(message);
    }

    /** Creates the exception with a message naming the problem and the failure that revealed it. */
    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.brook.log;

/** A batch larger than the log's {@code max.message.bytes}; nothing was written. Kafka's MESSAGE_TOO_LARGE (10). */
public class RecordBatchTooLargeException extends LogException {
    private static final long serialVersionUID = 1L;

    public RecordBatchTooLargeException(String message) {
        super(message);
    }
}

package dev.brook.log;

/**
 * An I/O failure of the log's files (disk full, read-only file system, EIO). The log stays consistent: a failed
 * append leaves nothing visible. Maps to Kafka's KAFKA_STORAGE_ERROR (56) at the wire.
 */
public class LogStorageException extends LogException {
    private static final long serialVersionUID = 1L;

    public LogStorageException(String message, Throwable cause) {
        super(message + ": " + cause, cause);
    }
}

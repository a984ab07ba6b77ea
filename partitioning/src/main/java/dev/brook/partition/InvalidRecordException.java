package dev.brook.partition;

/**
 * A record breaks a rule of its topic rather than of the batch format: a record without a key appended to a topic
 * whose {@code cleanup.policy} includes {@code compact} (compaction keeps the latest record per key, so a keyless
 * record could never be cleaned). Kafka's INVALID_RECORD (87); nothing of the append is written.
 */
public class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was refused, naming the partition */
    public InvalidRecordException(String message) {
        super(message);
    }
}

package dev.brook.partition;

/** A partition count is not positive, or CreatePartitions does not increase it. Kafka's INVALID_PARTITIONS (37). */
public class InvalidPartitionsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidPartitionsException(String message) {
        super(message);
    }
}

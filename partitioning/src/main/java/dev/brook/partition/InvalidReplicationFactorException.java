package dev.brook.partition;

/** A replication factor is not positive or exceeds the number of brokers (one, for now). Kafka's INVALID_REPLICATION_FACTOR (38). */
public class InvalidReplicationFactorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidReplicationFactorException(String message) {
        super(message);
    }
}

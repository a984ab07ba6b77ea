package dev.brook.partition;

/** acks is not -1, 0 or 1. Kafka's INVALID_REQUIRED_ACKS (21). */
public class InvalidRequiredAcksException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRequiredAcksException(String message) {
        super(message);
    }
}

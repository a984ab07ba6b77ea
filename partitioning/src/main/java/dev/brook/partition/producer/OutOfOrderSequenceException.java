package dev.brook.partition.producer;

/**
 * A batch's base sequence does not follow the producer's last sequence (a gap), or a new epoch does not start at
 * sequence 0. Nothing is written. Kafka's OUT_OF_ORDER_SEQUENCE_NUMBER (45).
 */
public class OutOfOrderSequenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutOfOrderSequenceException(String message) {
        super(message);
    }
}

package dev.brook.partition.producer;

/**
 * A batch carries an epoch older than the producer's current one: a zombie producer instance. Nothing is
 * written. Kafka's INVALID_PRODUCER_EPOCH (47), which clients treat as abortable.
 */
public class InvalidProducerEpochException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidProducerEpochException(String message) {
        super(message);
    }
}

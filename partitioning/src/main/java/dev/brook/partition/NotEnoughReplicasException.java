package dev.brook.partition;

/** acks=all while fewer replicas are in sync than min.insync.replicas; nothing was written. Kafka's NOT_ENOUGH_REPLICAS (19). */
public class NotEnoughReplicasException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotEnoughReplicasException(String message) {
        super(message);
    }
}

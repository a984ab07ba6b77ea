package dev.brook.partition;

/** The topic or partition is not hosted here (never created, deleted, or closing). Kafka's UNKNOWN_TOPIC_OR_PARTITION (3). */
public class UnknownTopicOrPartitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownTopicOrPartitionException(String message) {
        super(message);
    }
}

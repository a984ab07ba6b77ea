package dev.brook.partition.topic;

/**
 * A topic name breaks Kafka's rules, or collides with an existing topic. Kafka's INVALID_TOPIC_EXCEPTION (17).
 */
public class InvalidTopicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidTopicException(String message) {
        super(message);
    }
}

package dev.brook.partition;

/** CreateTopics named a topic that exists. Kafka's TOPIC_ALREADY_EXISTS (36). */
public class TopicExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TopicExistsException(String message) {
        super(message);
    }
}

package dev.brook.partition.topic;

/** Topic metadata files could not be read or written. Kafka's KAFKA_STORAGE_ERROR (56) at the wire. */
public class TopicStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TopicStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}

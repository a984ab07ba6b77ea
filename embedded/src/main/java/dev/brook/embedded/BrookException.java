package dev.brook.embedded;

/**
 * A Brook call could not complete for a reason that is not a bad argument or a storage error of its own type: the
 * thread was interrupted while waiting (its interrupt flag is set again), the instance is closed, or the network
 * server could not start. Storage and topic errors keep their own types from the partition layer
 * ({@link dev.brook.partition.UnknownTopicOrPartitionException}, {@link dev.brook.partition.TopicExistsException},
 * {@link dev.brook.partition.topic.InvalidConfigException}, {@link dev.brook.log.LogStorageException}, ...).
 */
public class BrookException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public BrookException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause why
     */
    public BrookException(String message, Throwable cause) {
        super(message, cause);
    }
}

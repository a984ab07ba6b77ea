package dev.brook.groups;

/** {@code __consumer_offsets} holds something the coordinator cannot read, or cannot be set up. */
public final class GroupStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GroupStorageException(String message) {
        super(message);
    }

    public GroupStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}

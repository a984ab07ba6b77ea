package dev.brook.log.record;

/** Base of the errors raised for a batch that Brook refuses to store; nothing of such a batch is written. */
public class InvalidBatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the problem. */
    public InvalidBatchException(String message) {
        super(message);
    }

    /** Creates the exception with a message naming the problem and the failure that revealed it. */
    public InvalidBatchException(String message, Throwable cause) {
        super(message, cause);
    }
}

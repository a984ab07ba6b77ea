package dev.brook.log;

/** Base of the typed errors a {@link Log} raises at its boundary. */
public class LogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogException(String message) {
        super(message);
    }

    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}

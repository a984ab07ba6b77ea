package dev.brook.compaction;

/** Cleaning one log failed; the cleaner reports it in its health view and retries the log with backoff. */
public class CleanerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CleanerException(String message) {
        super(message);
    }

    public CleanerException(String message, Throwable cause) {
        super(message, cause);
    }
}

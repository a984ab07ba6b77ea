package dev.brook.log;

/** A read or truncation asked for an offset outside [log start offset, log end offset]. Kafka's code 1. */
public class OffsetOutOfRangeException extends LogException {
    private static final long serialVersionUID = 1L;

    public OffsetOutOfRangeException(String message) {
        super(message);
    }
}

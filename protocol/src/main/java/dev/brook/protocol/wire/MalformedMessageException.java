package dev.brook.protocol.wire;

/**
 * A frame could not be parsed: a field ran past the end of the frame, a length was negative or larger than the bytes
 * left, or a varint was too long. The message names the field so a broker log says what the client got wrong.
 *
 * <p>Unchecked because every read can raise it and callers handle it once, at the frame boundary (the broker closes
 * the connection, since the correlation id may not be trustworthy).
 */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, naming the field
     */
    public MalformedMessageException(String message) {
        super(message);
    }
}

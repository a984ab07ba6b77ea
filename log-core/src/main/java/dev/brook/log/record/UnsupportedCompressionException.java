package dev.brook.log.record;

/**
 * The batch is well formed but uses a compression codec Brook does not store: snappy (2), zstd (4), or an id no
 * codec has (5-7). Maps to Kafka's UNSUPPORTED_COMPRESSION_TYPE (76) at the wire, so the producer learns that it
 * must switch codecs rather than retry.
 */
public class UnsupportedCompressionException extends InvalidBatchException {
    private static final long serialVersionUID = 1L;

    private final int codecId;

    /**
     * Creates the exception for a codec id read from a batch's attributes.
     *
     * @param codecId the codec id found (attribute bits 0-2)
     * @param codecName the codec's name, or {@code null} when the id names no codec at all
     */
    public UnsupportedCompressionException(int codecId, String codecName) {
        super(message(codecId, codecName));
        this.codecId = codecId;
    }

    /** The codec id that was refused. */
    public int codecId() {
        return codecId;
    }

    private static String message(int codecId, String codecName) {
        String found = codecName == null
                ? "unknown compression codec id " + codecId
                : "compression codec " + codecName + " (id " + codecId + ") is not supported";
        return found + "; Brook accepts none (0), gzip (1) and lz4 (3)";
    }
}

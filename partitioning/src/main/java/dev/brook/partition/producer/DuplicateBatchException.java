package dev.brook.partition.producer;

/**
 * A batch is a retry of one of the producer's last five batches (same epoch, same sequence range). Nothing is
 * written; the broker answers NONE (0) with the original batch's offsets, as Kafka does, so the producer
 * completes the send once.
 */
public class DuplicateBatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long producerId;
    private final BatchMetadata original;

    public DuplicateBatchException(long producerId, BatchMetadata original) {
        super("batch with sequences " + original.firstSeq() + ".." + original.lastSeq() + " of producer " + producerId
                + " was already appended at offsets " + original.firstOffset() + ".." + original.lastOffset());
        this.producerId = producerId;
        this.original = original;
    }

    /** The producer that retried. */
    public long producerId() {
        return producerId;
    }

    /** The batch as first appended. */
    public BatchMetadata original() {
        return original;
    }

    /** Offset of the original batch's first record. */
    public long baseOffset() {
        return original.firstOffset();
    }

    /** Offset of the original batch's last record. */
    public long lastOffset() {
        return original.lastOffset();
    }
}

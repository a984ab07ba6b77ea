package dev.brook.log.index;

/**
 * One {@link TimeIndex} answer: every record before offset {@code offset} in the segment has a timestamp at
 * most {@code timestamp}, so a search for a larger timestamp may start scanning at {@code offset}. The
 * fallback for "no entry" is {@code (NO_TIMESTAMP, baseOffset)}: scan from the start of the segment.
 *
 * @param timestamp the largest batch max-timestamp seen in the segment up to this entry, or
 *     {@link #NO_TIMESTAMP} for the fallback
 * @param offset absolute base offset of the batch where that timestamp was reached
 */
public record TimestampOffset(long timestamp, long offset) {
    /** Timestamp of the fallback answer, the same "none" value Kafka batches use. */
    public static final long NO_TIMESTAMP = -1L;
}

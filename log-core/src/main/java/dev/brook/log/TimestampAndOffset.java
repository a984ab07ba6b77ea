package dev.brook.log;

/**
 * A record found by timestamp.
 *
 * @param timestamp the record's timestamp
 * @param offset the record's offset
 */
public record TimestampAndOffset(long timestamp, long offset) {
}

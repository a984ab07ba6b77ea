package dev.brook.log.record;

/** How a batch's timestamps were assigned (attribute bit 3). */
public enum TimestampType {
    /** The producer set the timestamps. */
    CREATE_TIME,
    /** The broker stamped the batch when it was appended. */
    LOG_APPEND_TIME
}

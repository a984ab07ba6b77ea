package dev.brook.partition;

/** How far a read may see. */
public enum FetchIsolation {
    /** Consumers: nothing at or above the high watermark (invariant 2 of the architecture). */
    HIGH_WATERMARK,
    /** Replicas: up to the log end offset. */
    LOG_END
}

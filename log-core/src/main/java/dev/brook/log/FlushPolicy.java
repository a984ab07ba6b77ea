package dev.brook.log;

/**
 * When a log forces its appended bytes to stable storage (fsync). Kafka's {@code flush.messages} and
 * {@code flush.ms}: a flush happens when either threshold is reached, whichever comes first.
 *
 * <p>What each policy promises (see {@code docs/durability.md}):
 * <ul>
 *   <li>{@link #everyAppend()}: an append returns only after its bytes are fsynced; it survives a power loss.
 *       Concurrent appends to one log share one fsync (group commit).</li>
 *   <li>{@link #everyMessages(long)} / {@link #everyInterval(long)}: at most that many messages or
 *       milliseconds of acknowledged appends can be lost on power loss.</li>
 *   <li>{@link #os()}: the operating system writes back dirty pages when it likes; a killed process loses
 *       nothing (the page cache survives it), a power loss can lose recent appends.</li>
 * </ul>
 * In every case recovery after a crash keeps a valid prefix of the log and never serves torn bytes.
 *
 * @param messages flush after this many appended records since the last flush ({@link Long#MAX_VALUE} = never)
 * @param intervalMs flush when the oldest unflushed append is this old ({@link Long#MAX_VALUE} = never); checked
 *     by the maintenance agent
 */
public record FlushPolicy(long messages, long intervalMs) {
    public FlushPolicy {
        if (messages < 1 || intervalMs < 0) {
            throw new IllegalArgumentException("flush messages must be >= 1 and interval >= 0, got " + messages
                    + " and " + intervalMs);
        }
    }

    /** Fsync before every append returns. */
    public static FlushPolicy everyAppend() {
        return new FlushPolicy(1, Long.MAX_VALUE);
    }

    /** Fsync once this many records have been appended since the last fsync. */
    public static FlushPolicy everyMessages(long messages) {
        return new FlushPolicy(messages, Long.MAX_VALUE);
    }

    /** Fsync when unflushed appends are this many milliseconds old. */
    public static FlushPolicy everyInterval(long intervalMs) {
        return new FlushPolicy(Long.MAX_VALUE, intervalMs);
    }

    /** Leave write-back to the operating system (Kafka's default). */
    public static FlushPolicy os() {
        return new FlushPolicy(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Whether every append must be durable before it returns. */
    public boolean isEveryAppend() {
        return messages == 1;
    }
}

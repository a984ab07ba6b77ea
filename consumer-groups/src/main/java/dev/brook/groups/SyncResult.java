package dev.brook.groups;

import java.util.Objects;

/**
 * The answer to a SyncGroup call.
 *
 * @param error {@link GroupError#NONE} or why the sync failed
 * @param protocolType the group's protocol type (SyncGroup v5+), or {@code null}
 * @param protocolName the generation's protocol (SyncGroup v5+), or {@code null}
 * @param assignment the member's assignment; empty on error
 */
public record SyncResult(GroupError error, String protocolType, String protocolName, byte[] assignment) {
    private static final byte[] NONE = new byte[0];

    /** Requires the error and the assignment. */
    public SyncResult {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(assignment, "assignment");
    }

    /** A failed sync. */
    public static SyncResult error(GroupError error) {
        return new SyncResult(error, null, null, NONE);
    }
}

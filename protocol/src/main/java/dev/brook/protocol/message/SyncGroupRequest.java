package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * SyncGroup request (key 14), v0-3, non-flexible (flexible from v4). Byte layout of the body:
 * <pre>
 * group_id              STRING
 * generation_id         int32
 * member_id             STRING
 * group_instance_id     NULLABLE_STRING   v3+
 * assignments           ARRAY of          (only the leader sends any)
 *   member_id           STRING
 *   assignment          BYTES             (opaque to the broker; relayed to that member)
 * </pre>
 *
 * @param groupId         the group
 * @param generationId    the generation from the JoinGroup response
 * @param memberId        the sender's member id
 * @param groupInstanceId the static member's instance id, or null; null when read below v3, and not written there
 * @param assignments     the leader's assignment per member; empty from followers
 */
public record SyncGroupRequest(String groupId, int generationId, String memberId, String groupInstanceId,
        List<Assignment> assignments) {

    /**
     * One member's assignment. The array is not copied; treat it as immutable.
     *
     * @param memberId   the member
     * @param assignment its assignment bytes
     */
    public record Assignment(String memberId, byte[] assignment) {
        /** Requires the assignment (BYTES is non-nullable here). */
        public Assignment {
            Objects.requireNonNull(assignment, "assignment");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Assignment a && Objects.equals(memberId, a.memberId)
                    && Arrays.equals(assignment, a.assignment);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(memberId) + Arrays.hashCode(assignment);
        }

        @Override
        public String toString() {
            return "Assignment[memberId=" + memberId + ", assignment=" + Arrays.toString(assignment) + "]";
        }
    }

    /** Copies the list. */
    public SyncGroupRequest {
        assignments = List.copyOf(assignments);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-3
     * @return the request
     */
    public static SyncGroupRequest read(WireReader r, short version) {
        String groupId = r.readString("group_id");
        int generationId = r.readInt32("generation_id");
        String memberId = r.readString("member_id");
        String groupInstanceId = version >= 3 ? r.readNullableString("group_instance_id") : null;
        List<Assignment> assignments = r.readArray("assignments", false, a -> new Assignment(
                a.readString("assignments.member_id"),
                a.readBytes("assignments.assignment")));
        return new SyncGroupRequest(groupId, generationId, memberId, groupInstanceId, assignments);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-3
     */
    public void write(WireWriter w, short version) {
        w.writeString(groupId);
        w.writeInt32(generationId);
        w.writeString(memberId);
        if (version >= 3) {
            w.writeNullableString(groupInstanceId);
        }
        w.writeArray(assignments, false, (aw, a) -> {
            aw.writeString(a.memberId());
            aw.writeBytes(a.assignment(), false);
        });
    }
}

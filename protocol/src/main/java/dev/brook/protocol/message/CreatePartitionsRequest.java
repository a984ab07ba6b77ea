package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * CreatePartitions request (key 37), v0-1. These versions are identical on the wire and non-flexible (flexible from
 * v2). Byte layout of the body:
 * <pre>
 * topics            ARRAY of
 *   name            STRING
 *   count           int32   (the new total partition count)
 *   assignments     ARRAY of, nullable (-1 = broker chooses)
 *     broker_ids    ARRAY of int32
 * timeout_ms        int32
 * validate_only     BOOLEAN
 * </pre>
 *
 * @param topics       the topics to grow
 * @param timeoutMs    how long to wait for the partitions to be created
 * @param validateOnly whether to only validate, creating nothing
 */
public record CreatePartitionsRequest(List<Topic> topics, int timeoutMs, boolean validateOnly) {

    /**
     * One topic to grow.
     *
     * @param name        the topic name
     * @param count       the new total partition count
     * @param assignments the replicas of each new partition, or null to let the broker choose
     */
    public record Topic(String name, int count, List<Assignment> assignments) {
        /** Copies the list, keeping null. */
        public Topic {
            assignments = assignments == null ? null : List.copyOf(assignments);
        }
    }

    /**
     * The replicas of one new partition.
     *
     * @param brokerIds the assigned brokers
     */
    public record Assignment(List<Integer> brokerIds) {
        /** Copies the list. */
        public Assignment {
            brokerIds = List.copyOf(brokerIds);
        }
    }

    /** Copies the list. */
    public CreatePartitionsRequest {
        topics = List.copyOf(topics);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-1
     * @return the request
     */
    public static CreatePartitionsRequest read(WireReader r, short version) {
        List<Topic> topics = r.readArray("topics", false, t -> new Topic(
                t.readString("topics.name"),
                t.readInt32("topics.count"),
                t.readNullableArray("topics.assignments", false, a -> new Assignment(
                        a.readInt32Array("topics.assignments.broker_ids", false)))));
        int timeoutMs = r.readInt32("timeout_ms");
        boolean validateOnly = r.readBoolean("validate_only");
        return new CreatePartitionsRequest(topics, timeoutMs, validateOnly);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-1
     */
    public void write(WireWriter w, short version) {
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeInt32(t.count());
            tw.writeArray(t.assignments(), false, (aw, a) -> aw.writeInt32Array(a.brokerIds(), false));
        });
        w.writeInt32(timeoutMs);
        w.writeBoolean(validateOnly);
    }
}

package dev.brook.broker.cli;

import dev.brook.protocol.wire.MalformedMessageException;
import dev.brook.protocol.wire.WireReader;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the member assignment of a {@code consumer} protocol group, which the broker only relays (the leader member
 * writes it). Kafka's ConsumerProtocol assignment, every version (0-3) starting the same way:
 * <pre>
 * version            int16
 * assigned_partitions ARRAY of
 *   topic            STRING
 *   partitions       ARRAY of int32
 * user_data          NULLABLE_BYTES   (ignored here)
 * </pre>
 */
final class ConsumerAssignment {
    private ConsumerAssignment() {
    }

    /**
     * The partitions per topic in {@code bytes}, in the order written; empty if the bytes are not a consumer
     * assignment (another protocol type, or a client writing something else).
     */
    static Optional<Map<String, List<Integer>>> parse(byte[] bytes) {
        if (bytes == null || bytes.length < 2) {
            return Optional.empty();
        }
        try {
            WireReader r = new WireReader(ByteBuffer.wrap(bytes));
            short version = r.readInt16("version");
            if (version < 0) {
                return Optional.empty();
            }
            Map<String, List<Integer>> out = new LinkedHashMap<>();
            for (Map.Entry<String, List<Integer>> e : r.readArray("assigned_partitions", false,
                    t -> Map.entry(t.readString("topic"), t.readInt32Array("partitions", false)))) {
                out.put(e.getKey(), e.getValue());
            }
            return Optional.of(out);
        } catch (MalformedMessageException e) {
            return Optional.empty();
        }
    }
}

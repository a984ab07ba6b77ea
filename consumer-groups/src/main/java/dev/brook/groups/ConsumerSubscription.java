package dev.brook.groups;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the topics out of a Kafka consumer's JoinGroup metadata (protocol type {@code consumer}), which the
 * coordinator needs for OffsetDelete (GROUP_SUBSCRIBED_TO_TOPIC) and for expiring offsets of topics a Stable group
 * no longer consumes. Every version (0-3) of {@code ConsumerProtocolSubscription} starts the same way, big-endian:
 *
 * <pre>
 * int16  version
 * int32  topic count
 *   int16  name length, then that many bytes of UTF-8   (per topic)
 * ...    user data, owned partitions, generation, rack: not read
 * </pre>
 */
final class ConsumerSubscription {
    /** The protocol type of Kafka consumers. */
    static final String PROTOCOL_TYPE = "consumer";

    private ConsumerSubscription() {
    }

    /** The subscribed topics, or empty if the bytes are not a consumer subscription. */
    static Optional<Set<String>> topics(byte[] metadata) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(metadata);
            short version = buf.getShort();
            int count = buf.getInt();
            if (version < 0 || count < 0 || count > buf.remaining() / 2) {
                return Optional.empty();
            }
            Set<String> topics = new TreeSet<>();
            for (int i = 0; i < count; i++) {
                short length = buf.getShort();
                if (length < 0 || length > buf.remaining()) {
                    return Optional.empty();
                }
                byte[] name = new byte[length];
                buf.get(name);
                topics.add(new String(name, StandardCharsets.UTF_8));
            }
            return Optional.of(topics);
        } catch (BufferUnderflowException e) {
            return Optional.empty();
        }
    }
}

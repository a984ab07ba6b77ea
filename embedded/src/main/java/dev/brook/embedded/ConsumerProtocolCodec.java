package dev.brook.embedded;

import dev.brook.partition.topic.TopicPartition;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The member metadata and assignment bytes of embedded group members: Kafka's consumer protocol formats
 * ({@code ConsumerProtocolSubscription} and {@code ConsumerProtocolAssignment}, version 1), so that the coordinator
 * can read the subscribed topics (offset expiry, OffsetDelete) and {@code bin/brook groups describe} can show the
 * assignment. All integers big-endian; STRING = int16 length + UTF-8 bytes; NULLABLE_BYTES = int32 length (-1 for
 * null) + bytes.
 *
 * <pre>
 * Subscription v1:
 *   int16  version = 1
 *   int32  topic count, then per topic: STRING name            (sorted)
 *   NULLABLE_BYTES user data = null (int32 -1)
 *   int32  owned topic count, then per topic:                   (sorted)
 *     STRING name
 *     int32  partition count, then per partition: int32 index  (ascending)
 *   (versions 2+ add fields after these; decoding ignores them)
 *
 * Assignment v1:
 *   int16  version = 1
 *   int32  topic count, then per topic:                         (sorted)
 *     STRING name
 *     int32  partition count, then per partition: int32 index  (ascending)
 *   NULLABLE_BYTES user data = null (int32 -1)
 * </pre>
 */
final class ConsumerProtocolCodec {
    private static final short VERSION = 1;

    /** A decoded subscription: the topics and the partitions the member owns. */
    record DecodedSubscription(Set<String> topics, Set<TopicPartition> owned) {
    }

    private ConsumerProtocolCodec() {
    }

    static byte[] encodeSubscription(Collection<String> topics, Collection<TopicPartition> owned) {
        return write(out -> {
            out.writeShort(VERSION);
            Set<String> sorted = new TreeSet<>(topics);
            out.writeInt(sorted.size());
            for (String topic : sorted) {
                writeString(out, topic);
            }
            out.writeInt(-1);
            writePartitions(out, owned);
        });
    }

    static byte[] encodeAssignment(Collection<TopicPartition> partitions) {
        return write(out -> {
            out.writeShort(VERSION);
            writePartitions(out, partitions);
            out.writeInt(-1);
        });
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a consumer protocol subscription
     */
    static DecodedSubscription decodeSubscription(byte[] bytes) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            short version = buf.getShort();
            checkVersion(version);
            int count = count(buf);
            Set<String> topics = new TreeSet<>();
            for (int i = 0; i < count; i++) {
                topics.add(readString(buf));
            }
            Set<TopicPartition> owned = Set.of();
            if (version >= 1) {
                skipNullableBytes(buf);
                owned = new TreeSet<>(java.util.Comparator.comparing(TopicPartition::topic)
                        .thenComparingInt(TopicPartition::partition));
                owned.addAll(readPartitions(buf));
            }
            return new DecodedSubscription(topics, owned);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated consumer protocol subscription", e);
        }
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a consumer protocol assignment
     */
    static List<TopicPartition> decodeAssignment(byte[] bytes) {
        if (bytes.length == 0) {
            return List.of(); // what the coordinator gives a member the leader left out
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            checkVersion(buf.getShort());
            return readPartitions(buf);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated consumer protocol assignment", e);
        }
    }

    private static void checkVersion(short version) {
        if (version < 0) {
            throw new IllegalArgumentException("bad consumer protocol version " + version);
        }
    }

    private static void writePartitions(DataOutputStream out, Collection<TopicPartition> partitions)
            throws IOException {
        Map<String, Set<Integer>> byTopic = new TreeMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new TreeSet<>()).add(tp.partition());
        }
        out.writeInt(byTopic.size());
        for (var entry : byTopic.entrySet()) {
            writeString(out, entry.getKey());
            out.writeInt(entry.getValue().size());
            for (int p : entry.getValue()) {
                out.writeInt(p);
            }
        }
    }

    private static List<TopicPartition> readPartitions(ByteBuffer buf) {
        List<TopicPartition> out = new ArrayList<>();
        int topics = count(buf);
        for (int t = 0; t < topics; t++) {
            String topic = readString(buf);
            int partitions = count(buf);
            for (int p = 0; p < partitions; p++) {
                out.add(new TopicPartition(topic, buf.getInt()));
            }
        }
        return out;
    }

    private static int count(ByteBuffer buf) {
        int count = buf.getInt();
        if (count < 0 || count > buf.remaining()) {
            throw new IllegalArgumentException("bad array length " + count + " in consumer protocol bytes");
        }
        return count;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static String readString(ByteBuffer buf) {
        short length = buf.getShort();
        if (length < 0 || length > buf.remaining()) {
            throw new IllegalArgumentException("bad string length " + length + " in consumer protocol bytes");
        }
        byte[] bytes = new byte[length];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void skipNullableBytes(ByteBuffer buf) {
        int length = buf.getInt();
        if (length < -1 || length > buf.remaining()) {
            throw new IllegalArgumentException("bad bytes length " + length + " in consumer protocol bytes");
        }
        if (length > 0) {
            buf.position(buf.position() + length);
        }
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writing.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}

package dev.brook.groups;

import dev.brook.partition.topic.TopicPartition;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys and values of {@code __consumer_offsets} records. Keys are what compaction keeps the latest of, so one
 * key names exactly one thing: an offset commit key names (group, topic, partition), a group metadata key names
 * the group. A null value (tombstone) deletes what the key names. Every record of a group lives in the group's
 * partition, in write order, so replaying a partition from start to end (or its compacted form) rebuilds the same
 * state. Integrity: each record sits in a RecordBatch v2 whose CRC-32C covers keys and values; every key and value
 * starts with a version.
 *
 * <p>All integers big-endian. {@code string} = int16 length then that many bytes of UTF-8; {@code nstring} is a
 * string whose length -1 means null; {@code bytes} = int32 length then the bytes.
 *
 * <pre>
 * Key, offset commit (key version 1, Kafka's number for it):
 *   int16  1
 *   string group id
 *   string topic
 *   int32  partition
 * Key, group metadata (key version 2, Kafka's number for it):
 *   int16  2
 *   string group id
 *
 * Value of an offset commit (value version 0):
 *   int16  0
 *   int64  committed offset
 *   int32  leader epoch (-1: none)
 *   string metadata
 *   int64  commit timestamp (ms since the epoch, coordinator clock)
 *
 * Value of group metadata (value version 0):
 *   int16   0
 *   nstring protocol type (null: group that only committed offsets)
 *   int32   generation id
 *   nstring protocol name of the generation (null when Empty)
 *   nstring leader member id (null when Empty)
 *   int64   state timestamp (ms; when the group entered its state, for offset expiry of Empty groups)
 *   int32   member count, then per member:
 *     string  member id
 *     nstring group instance id (null: dynamic member)
 *     string  client id
 *     string  client host
 *     int32   rebalance timeout ms
 *     int32   session timeout ms
 *     bytes   metadata for the generation's protocol
 *     bytes   assignment
 * </pre>
 */
final class GroupRecords {
    static final short OFFSET_KEY_VERSION = 1;
    static final short GROUP_KEY_VERSION = 2;
    static final short OFFSET_VALUE_VERSION = 0;
    static final short GROUP_VALUE_VERSION = 0;

    private GroupRecords() {
    }

    /** A decoded key. */
    sealed interface Key permits OffsetKey, GroupKey {
        String groupId();
    }

    record OffsetKey(String groupId, TopicPartition partition) implements Key {
    }

    record GroupKey(String groupId) implements Key {
    }

    /** A member as stored. */
    record StoredMember(String memberId, String instanceId, String clientId, String clientHost,
            int rebalanceTimeoutMs, int sessionTimeoutMs, byte[] metadata, byte[] assignment) {
    }

    /** Group metadata as stored. */
    record StoredGroup(String protocolType, int generationId, String protocolName, String leaderId,
            long stateTimestamp, List<StoredMember> members) {
    }

    static byte[] offsetKey(String groupId, TopicPartition tp) {
        return write(out -> {
            out.writeShort(OFFSET_KEY_VERSION);
            writeString(out, groupId);
            writeString(out, tp.topic());
            out.writeInt(tp.partition());
        });
    }

    static byte[] groupKey(String groupId) {
        return write(out -> {
            out.writeShort(GROUP_KEY_VERSION);
            writeString(out, groupId);
        });
    }

    static byte[] offsetValue(CommittedOffset o) {
        return write(out -> {
            out.writeShort(OFFSET_VALUE_VERSION);
            out.writeLong(o.offset());
            out.writeInt(o.leaderEpoch());
            writeString(out, o.metadata());
            out.writeLong(o.commitTimestampMs());
        });
    }

    static byte[] groupValue(ClassicGroup g) {
        return write(out -> {
            out.writeShort(GROUP_VALUE_VERSION);
            writeNullableString(out, g.protocolType);
            out.writeInt(g.generationId);
            writeNullableString(out, g.protocolName);
            writeNullableString(out, g.leaderId);
            out.writeLong(g.stateTimestamp);
            out.writeInt(g.members.size());
            for (GroupMember m : g.members.values()) {
                writeString(out, m.memberId);
                writeNullableString(out, m.instanceId);
                writeString(out, m.clientId);
                writeString(out, m.clientHost);
                out.writeInt(m.rebalanceTimeoutMs);
                out.writeInt(m.sessionTimeoutMs);
                writeBytes(out, m.metadata(g.protocolName));
                writeBytes(out, m.assignment);
            }
        });
    }

    /**
     * @throws GroupStorageException for an unknown key version or malformed key
     */
    static Key readKey(ByteBuffer key) {
        try {
            short version = key.getShort();
            Key result = switch (version) {
                case OFFSET_KEY_VERSION -> new OffsetKey(readString(key),
                        new TopicPartition(readString(key), key.getInt()));
                case GROUP_KEY_VERSION -> new GroupKey(readString(key));
                default -> throw new GroupStorageException("unknown __consumer_offsets key version " + version);
            };
            requireConsumed(key, "key");
            return result;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new GroupStorageException("malformed __consumer_offsets key", e);
        }
    }

    static CommittedOffset readOffsetValue(ByteBuffer value) {
        try {
            requireVersion(value.getShort(), OFFSET_VALUE_VERSION, "offset commit value");
            CommittedOffset o = new CommittedOffset(value.getLong(), value.getInt(), readString(value),
                    value.getLong());
            requireConsumed(value, "offset commit value");
            return o;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new GroupStorageException("malformed __consumer_offsets offset commit value", e);
        }
    }

    static StoredGroup readGroupValue(ByteBuffer value) {
        try {
            requireVersion(value.getShort(), GROUP_VALUE_VERSION, "group metadata value");
            String protocolType = readNullableString(value);
            int generation = value.getInt();
            String protocolName = readNullableString(value);
            String leader = readNullableString(value);
            long stateTimestamp = value.getLong();
            int count = value.getInt();
            if (count < 0 || count > value.remaining()) {
                throw new GroupStorageException("malformed group metadata value: " + count + " members");
            }
            List<StoredMember> members = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                members.add(new StoredMember(readString(value), readNullableString(value), readString(value),
                        readString(value), value.getInt(), value.getInt(), readBytes(value), readBytes(value)));
            }
            requireConsumed(value, "group metadata value");
            return new StoredGroup(protocolType, generation, protocolName, leader, stateTimestamp, members);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new GroupStorageException("malformed __consumer_offsets group metadata value", e);
        }
    }

    private static void requireVersion(short version, short expected, String what) {
        if (version != expected) {
            throw new GroupStorageException("unknown __consumer_offsets " + what + " version " + version);
        }
    }

    private static void requireConsumed(ByteBuffer buf, String what) {
        if (buf.hasRemaining()) {
            throw new GroupStorageException("malformed __consumer_offsets " + what + ": " + buf.remaining()
                    + " trailing bytes");
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string of " + utf8.length + " bytes is too long to store");
        }
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    private static void writeNullableString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeShort(-1);
        } else {
            writeString(out, s);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(ByteBuffer buf) {
        String s = readNullableString(buf);
        if (s == null) {
            throw new IllegalArgumentException("null where a string is required");
        }
        return s;
    }

    private static String readNullableString(ByteBuffer buf) {
        short length = buf.getShort();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > buf.remaining()) {
            throw new IllegalArgumentException("string length " + length);
        }
        byte[] utf8 = new byte[length];
        buf.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ByteBuffer buf) {
        int length = buf.getInt();
        if (length < 0 || length > buf.remaining()) {
            throw new IllegalArgumentException("bytes length " + length);
        }
        byte[] b = new byte[length];
        buf.get(b);
        return b;
    }
}

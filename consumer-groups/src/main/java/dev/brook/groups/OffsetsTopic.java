package dev.brook.groups;

import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.Compression;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.partition.FetchIsolation;
import dev.brook.partition.Partition;
import dev.brook.partition.PartitionReadResult;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.TopicExistsException;
import dev.brook.partition.partitioner.Murmur2;
import dev.brook.partition.topic.TopicPartition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value GroupCoordinator#OFFSETS_TOPIC} as the coordinator's {@link GroupStore}: each write is one uncompressed
 * RecordBatch of {@link GroupRecords} appended to the group's partition (murmur2 of the UTF-8 group id, modulo the
 * partition count) with acks=all, and {@link #load} replays every partition from its start.
 *
 * <p>The topic is created with {@code cleanup.policy=compact}; until compaction runs it simply grows, and
 * replaying it gives the same state as replaying its compacted form, because every key names one thing and the
 * last record for a key (or its tombstone) wins.
 */
final class OffsetsTopic implements GroupStore {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetsTopic.class);
    /** Kafka's {@code offsets.topic.segment.bytes}: smaller segments so compaction can start sooner. */
    private static final String SEGMENT_BYTES = "104857600";
    private static final int READ_CHUNK_BYTES = 1 << 20;

    /** One record to write; a null value is a tombstone. */
    private record KeyValue(byte[] key, byte[] value) {
    }

    private final PartitionStore store;
    private final Clock clock;
    private final int partitionCount;

    private OffsetsTopic(PartitionStore store, Clock clock, int partitionCount) {
        this.store = store;
        this.clock = clock;
        this.partitionCount = partitionCount;
    }

    /** Creates the topic if missing (compacted, {@code offsets.topic.num.partitions} partitions). */
    static OffsetsTopic open(PartitionStore store, GroupConfig config, Clock clock) {
        String name = GroupCoordinator.OFFSETS_TOPIC;
        if (store.topic(name).isEmpty()) {
            try {
                store.createTopic(name, config.offsetsTopicNumPartitions(), 1,
                        Map.of("cleanup.policy", "compact", "segment.bytes", SEGMENT_BYTES));
            } catch (TopicExistsException e) {
                LOG.debug("{} was created concurrently", name, e);
            }
        }
        int count = store.describeTopic(name).partitionCount();
        if (count != config.offsetsTopicNumPartitions()) {
            LOG.warn("{} has {} partition(s); {}={} only applies when the topic is created", name, count,
                    GroupConfig.OFFSETS_TOPIC_NUM_PARTITIONS, config.offsetsTopicNumPartitions());
        }
        if (!store.topicConfig(name).cleanupPolicy().compacts()) {
            LOG.warn("{} is not compacted (cleanup.policy={}); it will only grow", name,
                    store.topicConfig(name).cleanupPolicy().configValue());
        }
        return new OffsetsTopic(store, clock, count);
    }

    /** The partition of {@value GroupCoordinator#OFFSETS_TOPIC} holding a group's records. */
    int partitionFor(String groupId) {
        return Murmur2.toPositive(Murmur2.hash(groupId.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    @Override
    public void storeGroup(ClassicGroup group) {
        List<KeyValue> records = new ArrayList<>();
        records.add(new KeyValue(GroupRecords.groupKey(group.groupId), GroupRecords.groupValue(group)));
        append(group.groupId, records);
    }

    @Override
    public void storeOffsets(String groupId, Map<TopicPartition, CommittedOffset> offsets) {
        List<KeyValue> records = new ArrayList<>();
        offsets.forEach((tp, o) -> records.add(
                new KeyValue(GroupRecords.offsetKey(groupId, tp), GroupRecords.offsetValue(o))));
        append(groupId, records);
    }

    @Override
    public void deleteOffsets(String groupId, Collection<TopicPartition> partitions) {
        List<KeyValue> records = new ArrayList<>();
        partitions.forEach(tp -> records.add(new KeyValue(GroupRecords.offsetKey(groupId, tp), null)));
        append(groupId, records);
    }

    @Override
    public void deleteGroup(String groupId, Collection<TopicPartition> partitions) {
        List<KeyValue> records = new ArrayList<>();
        partitions.forEach(tp -> records.add(new KeyValue(GroupRecords.offsetKey(groupId, tp), null)));
        records.add(new KeyValue(GroupRecords.groupKey(groupId), null));
        append(groupId, records);
    }

    /** Appends the records (value null = tombstone) as one batch: all of a call become durable together. */
    private void append(String groupId, List<KeyValue> records) {
        if (records.isEmpty()) {
            return;
        }
        long now = clock.millis();
        RecordBatchBuilder builder = new RecordBatchBuilder(Compression.NONE);
        records.forEach(kv -> builder.append(now, kv.key(), kv.value()));
        partition(partitionFor(groupId)).appendAsLeader(builder.build(), (short) -1);
    }

    private Partition partition(int index) {
        return store.partition(new TopicPartition(GroupCoordinator.OFFSETS_TOPIC, index));
    }

    /**
     * Replays every partition into groups: offsets and group metadata as last written, tombstones applied.
     * Members come back with their session deadline starting at {@code now}; a group with members is Stable.
     *
     * @throws GroupStorageException for a record this version cannot read, or an I/O failure
     */
    Map<String, ClassicGroup> load(long now) {
        Map<String, ClassicGroup> groups = new LinkedHashMap<>();
        Map<String, GroupRecords.StoredGroup> metadata = new LinkedHashMap<>();
        long records = 0;
        for (int p = 0; p < partitionCount; p++) {
            records += loadPartition(partition(p), groups, metadata, now);
        }
        metadata.forEach((groupId, stored) -> restore(groups.computeIfAbsent(groupId,
                id -> new ClassicGroup(id, now)), stored, now));
        groups.values().removeIf(ClassicGroup::isRemovable);
        LOG.info("loaded {} group(s) from {} record(s) of {}", groups.size(), records,
                GroupCoordinator.OFFSETS_TOPIC);
        return groups;
    }

    private long loadPartition(Partition partition, Map<String, ClassicGroup> groups,
            Map<String, GroupRecords.StoredGroup> metadata, long now) {
        long offset = partition.earliestOffset();
        long end = partition.latestOffset(FetchIsolation.LOG_END);
        long count = 0;
        while (offset < end) {
            PartitionReadResult read = partition.read(offset, READ_CHUNK_BYTES, true, FetchIsolation.LOG_END);
            if (read.data().isEmpty()) {
                break;
            }
            List<RecordBatch> batches;
            try {
                batches = read.data().batches();
            } catch (IOException e) {
                throw new GroupStorageException("cannot read " + partition.topicPartition() + " at " + offset, e);
            }
            for (RecordBatch batch : batches) {
                if (batch.lastOffset() < offset || batch.isControlBatch()) {
                    offset = Math.max(offset, batch.nextOffset());
                    continue;
                }
                try (CloseableIterator<Record> it = batch.records()) {
                    while (it.hasNext()) {
                        Record record = it.next();
                        if (record.offset() >= offset) {
                            apply(record, groups, metadata, now);
                            count++;
                        }
                    }
                }
                offset = batch.nextOffset();
            }
        }
        return count;
    }

    private static void apply(Record record, Map<String, ClassicGroup> groups,
            Map<String, GroupRecords.StoredGroup> metadata, long now) {
        if (!record.hasKey()) {
            throw new GroupStorageException("record without key at offset " + record.offset() + " of "
                    + GroupCoordinator.OFFSETS_TOPIC);
        }
        GroupRecords.Key key = GroupRecords.readKey(record.key());
        ByteBuffer value = record.value();
        if (key instanceof GroupRecords.OffsetKey k) {
            ClassicGroup g = groups.computeIfAbsent(k.groupId(), id -> new ClassicGroup(id, now));
            if (value == null) {
                g.offsets.remove(k.partition());
            } else {
                g.offsets.put(k.partition(), GroupRecords.readOffsetValue(value));
            }
        } else if (value == null) {
            metadata.remove(key.groupId());
        } else {
            metadata.put(key.groupId(), GroupRecords.readGroupValue(value));
        }
    }

    private static void restore(ClassicGroup g, GroupRecords.StoredGroup stored, long now) {
        g.protocolType = stored.protocolType();
        g.generationId = stored.generationId();
        g.protocolName = stored.protocolName();
        g.stateTimestamp = stored.stateTimestamp();
        for (GroupRecords.StoredMember s : stored.members()) {
            GroupMember m = new GroupMember(s.memberId(), s.instanceId(), s.clientId(), s.clientHost(),
                    s.sessionTimeoutMs(), s.rebalanceTimeoutMs(),
                    List.of(new ProtocolMetadata(stored.protocolName(), s.metadata())));
            m.assignment = s.assignment();
            m.sessionDeadline = now + s.sessionTimeoutMs();
            g.add(m);
        }
        g.leaderId = stored.members().isEmpty() ? null : stored.leaderId();
        g.state = g.members.isEmpty() ? GroupState.EMPTY : GroupState.STABLE;
    }
}

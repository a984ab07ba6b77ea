package dev.brook.broker.api;

import dev.brook.groups.GroupCoordinator;
import dev.brook.groups.GroupError;
import dev.brook.groups.OffsetAndMetadata;
import dev.brook.groups.OffsetFetchResult;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.protocol.message.OffsetCommitRequest;
import dev.brook.protocol.message.OffsetCommitResponse;
import dev.brook.protocol.message.OffsetFetchRequest;
import dev.brook.protocol.message.OffsetFetchResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OffsetCommit (v2-7) and OffsetFetch (v1-5): committed offsets, per partition.
 *
 * <p>OffsetCommit: a member commits with its generation and member id (and v7 its instance id); a consumer outside
 * the group (assign() and commitSync, kcat, Admin) with generation -1 and an empty member id. The v2-4
 * {@code retention_time_ms} is ignored, as Kafka has done since 2.1 ({@code offsets.retention.minutes} applies).
 * Every requested partition gets its own error code.
 *
 * <p>OffsetFetch: a partition without a committed offset answers offset -1 and no error. v2+ may ask for every
 * partition the group has an offset for ({@code topics} null) and carries a top-level error; at v1 a group-level
 * error is put on each partition instead.
 */
final class GroupOffsetsHandler {
    private final GroupCoordinator groups;

    GroupOffsetsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    OffsetCommitResponse commit(OffsetCommitRequest request) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (OffsetCommitRequest.Topic t : request.topics()) {
            for (OffsetCommitRequest.Partition p : t.partitions()) {
                if (p.partitionIndex() < 0) {
                    continue; // answered UNKNOWN_TOPIC_OR_PARTITION below
                }
                offsets.put(new TopicPartition(t.name(), p.partitionIndex()),
                        new OffsetAndMetadata(p.committedOffset(), p.committedLeaderEpoch(), p.committedMetadata()));
            }
        }
        Map<TopicPartition, GroupError> errors;
        short failure = 0;
        try {
            errors = groups.commitOffsets(request.groupId(), request.generationId(), request.memberId(),
                    request.groupInstanceId(), offsets);
        } catch (RuntimeException e) {
            errors = Map.of();
            failure = ErrorMapping.of(e, "OffsetCommit " + request.groupId()).code();
        }
        List<OffsetCommitResponse.Topic> topics = new ArrayList<>(request.topics().size());
        for (OffsetCommitRequest.Topic t : request.topics()) {
            List<OffsetCommitResponse.Partition> partitions = new ArrayList<>(t.partitions().size());
            for (OffsetCommitRequest.Partition p : t.partitions()) {
                short code;
                if (p.partitionIndex() < 0) {
                    code = GroupError.UNKNOWN_TOPIC_OR_PARTITION.code();
                } else {
                    GroupError e = errors.get(new TopicPartition(t.name(), p.partitionIndex()));
                    code = failure != 0 ? failure : e == null ? GroupError.UNKNOWN_SERVER_ERROR.code() : e.code();
                }
                partitions.add(new OffsetCommitResponse.Partition(p.partitionIndex(), code));
            }
            topics.add(new OffsetCommitResponse.Topic(t.name(), partitions));
        }
        return new OffsetCommitResponse(0, topics);
    }

    OffsetFetchResponse fetch(OffsetFetchRequest request, short version) {
        List<TopicPartition> wanted = null;
        if (request.topics() != null) {
            wanted = new ArrayList<>();
            for (OffsetFetchRequest.Topic t : request.topics()) {
                for (int p : t.partitionIndexes()) {
                    if (p >= 0) {
                        wanted.add(new TopicPartition(t.name(), p));
                    }
                }
            }
        }
        OffsetFetchResult result;
        try {
            result = groups.fetchOffsets(request.groupId(), wanted);
        } catch (RuntimeException e) {
            short code = ErrorMapping.of(e, "OffsetFetch " + request.groupId()).code();
            return errorResponse(request, code, version);
        }
        if (result.error() != GroupError.NONE) {
            return errorResponse(request, result.error().code(), version);
        }
        Map<String, List<OffsetFetchResponse.Partition>> byTopic = new LinkedHashMap<>();
        if (request.topics() != null) {
            // In request order, so the answer lines up with the question.
            for (OffsetFetchRequest.Topic t : request.topics()) {
                List<OffsetFetchResponse.Partition> ps = byTopic.computeIfAbsent(t.name(), n -> new ArrayList<>());
                for (int p : t.partitionIndexes()) {
                    if (p < 0) {
                        ps.add(new OffsetFetchResponse.Partition(p, -1, -1, "",
                                GroupError.UNKNOWN_TOPIC_OR_PARTITION.code()));
                        continue;
                    }
                    OffsetAndMetadata o = result.offsets().getOrDefault(new TopicPartition(t.name(), p),
                            OffsetAndMetadata.NO_OFFSET);
                    ps.add(partition(p, o));
                }
            }
        } else {
            result.offsets().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(TopicPartition::topic)
                            .thenComparingInt(TopicPartition::partition)))
                    .forEach(e -> byTopic.computeIfAbsent(e.getKey().topic(), n -> new ArrayList<>())
                            .add(partition(e.getKey().partition(), e.getValue())));
        }
        List<OffsetFetchResponse.Topic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((name, partitions) -> topics.add(new OffsetFetchResponse.Topic(name, partitions)));
        return new OffsetFetchResponse(0, topics, (short) 0);
    }

    private static OffsetFetchResponse.Partition partition(int index, OffsetAndMetadata o) {
        return new OffsetFetchResponse.Partition(index, o.offset(), o.leaderEpoch(), o.metadata(), (short) 0);
    }

    /** A group-level error: top-level from v2, on every requested partition at v1 (which has no top-level code). */
    private static OffsetFetchResponse errorResponse(OffsetFetchRequest request, short code, short version) {
        if (version >= 2) {
            return new OffsetFetchResponse(0, List.of(), code);
        }
        List<OffsetFetchResponse.Topic> topics = new ArrayList<>();
        for (OffsetFetchRequest.Topic t : request.topics()) {
            topics.add(new OffsetFetchResponse.Topic(t.name(), t.partitionIndexes().stream()
                    .map(p -> new OffsetFetchResponse.Partition(p, -1, -1, "", code)).toList()));
        }
        return new OffsetFetchResponse(0, topics, (short) 0);
    }
}

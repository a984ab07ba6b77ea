package dev.brook.broker.api;

import dev.brook.groups.GroupCoordinator;
import dev.brook.groups.GroupError;
import dev.brook.groups.OffsetDeleteResult;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.topic.TopicMetadata;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.DeleteGroupsRequest;
import dev.brook.protocol.message.DeleteGroupsResponse;
import dev.brook.protocol.message.OffsetDeleteRequest;
import dev.brook.protocol.message.OffsetDeleteResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DeleteGroups (v0-1) and OffsetDelete (v0). A group is deleted only when it has no members (NON_EMPTY_GROUP
 * otherwise), with its committed offsets. OffsetDelete removes a group's offsets of partitions it does not consume
 * (GROUP_SUBSCRIBED_TO_TOPIC for a topic a live member subscribes to); a partition that does not exist is answered
 * UNKNOWN_TOPIC_OR_PARTITION, as Kafka does, without asking the coordinator.
 */
final class GroupDeletionHandler {
    private final GroupCoordinator groups;
    private final PartitionStore store;

    GroupDeletionHandler(GroupCoordinator groups, PartitionStore store) {
        this.groups = groups;
        this.store = store;
    }

    DeleteGroupsResponse deleteGroups(DeleteGroupsRequest request) {
        Map<String, GroupError> errors;
        short failure = 0;
        try {
            errors = groups.deleteGroups(request.groupsNames());
        } catch (RuntimeException e) {
            errors = Map.of();
            failure = ErrorMapping.of(e, "DeleteGroups").code();
        }
        List<DeleteGroupsResponse.GroupResult> results = new ArrayList<>(request.groupsNames().size());
        for (String g : request.groupsNames()) {
            GroupError e = errors.get(g);
            short code = failure != 0 ? failure : e == null ? GroupError.UNKNOWN_SERVER_ERROR.code() : e.code();
            results.add(new DeleteGroupsResponse.GroupResult(g, code));
        }
        return new DeleteGroupsResponse(0, results);
    }

    OffsetDeleteResponse deleteOffsets(OffsetDeleteRequest request) {
        List<TopicPartition> existing = new ArrayList<>();
        for (OffsetDeleteRequest.Topic t : request.topics()) {
            for (int p : t.partitionIndexes()) {
                if (exists(t.name(), p)) {
                    existing.add(new TopicPartition(t.name(), p));
                }
            }
        }
        OffsetDeleteResult result;
        try {
            result = groups.deleteOffsets(request.groupId(), existing);
        } catch (RuntimeException e) {
            return new OffsetDeleteResponse(ErrorMapping.of(e, "OffsetDelete " + request.groupId()).code(), 0,
                    List.of());
        }
        if (result.error() != GroupError.NONE) {
            return new OffsetDeleteResponse(result.error().code(), 0, List.of());
        }
        List<OffsetDeleteResponse.Topic> topics = new ArrayList<>(request.topics().size());
        for (OffsetDeleteRequest.Topic t : request.topics()) {
            List<OffsetDeleteResponse.Partition> partitions = new ArrayList<>();
            for (int p : t.partitionIndexes()) {
                GroupError e = p < 0 ? null : result.partitions().get(new TopicPartition(t.name(), p));
                short code = e != null ? e.code() : exists(t.name(), p)
                        ? GroupError.UNKNOWN_SERVER_ERROR.code() : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code();
                partitions.add(new OffsetDeleteResponse.Partition(p, code));
            }
            topics.add(new OffsetDeleteResponse.Topic(t.name(), partitions));
        }
        return new OffsetDeleteResponse(ErrorCode.NONE.code(), 0, topics);
    }

    private boolean exists(String topic, int partition) {
        Optional<TopicMetadata> t = store.topic(topic);
        return t.isPresent() && partition >= 0 && partition < t.get().partitionCount();
    }
}

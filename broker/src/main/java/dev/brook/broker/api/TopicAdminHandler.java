package dev.brook.broker.api;

import dev.brook.partition.PartitionStore;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.CreatePartitionsRequest;
import dev.brook.protocol.message.CreatePartitionsResponse;
import dev.brook.protocol.message.CreateTopicsRequest;
import dev.brook.protocol.message.CreateTopicsResponse;
import dev.brook.protocol.message.DeleteRecordsRequest;
import dev.brook.protocol.message.DeleteRecordsResponse;
import dev.brook.protocol.message.DeleteTopicsRequest;
import dev.brook.protocol.message.DeleteTopicsResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topic administration APIs: CreateTopics (v2-4), DeleteTopics (v1-3), CreatePartitions (v0-1) and
 * DeleteRecords (v0-1). Each topic (or partition) is answered on its own: one bad entry never fails the others.
 * A topic named twice in one request is answered INVALID_REQUEST for every mention, as Kafka does.
 */
final class TopicAdminHandler {
    private final PartitionStore store;
    private final boolean deleteTopicEnable;

    TopicAdminHandler(PartitionStore store, boolean deleteTopicEnable) {
        this.store = store;
        this.deleteTopicEnable = deleteTopicEnable;
    }

    CreateTopicsResponse createTopics(CreateTopicsRequest request) {
        Set<String> duplicates = duplicates(request.topics().stream().map(CreateTopicsRequest.CreatableTopic::name)
                .toList());
        List<CreateTopicsResponse.TopicResult> out = new ArrayList<>();
        for (CreateTopicsRequest.CreatableTopic t : request.topics()) {
            if (duplicates.contains(t.name())) {
                out.add(new CreateTopicsResponse.TopicResult(t.name(), ErrorCode.INVALID_REQUEST.code(),
                        "Create topics request from client contains multiple entries for topic " + t.name()));
                continue;
            }
            try {
                if (!t.assignments().isEmpty()) {
                    throw new dev.brook.partition.InvalidPartitionsException(
                            "manual replica assignment is not supported on a single-node broker");
                }
                Map<String, String> configs = new LinkedHashMap<>();
                for (CreateTopicsRequest.Config c : t.configs()) {
                    configs.put(c.name(), c.value());
                }
                if (request.validateOnly()) {
                    store.validateCreateTopic(t.name(), t.numPartitions(), t.replicationFactor(), configs);
                } else {
                    store.createTopic(t.name(), t.numPartitions(), t.replicationFactor(), configs);
                }
                out.add(new CreateTopicsResponse.TopicResult(t.name(), ErrorCode.NONE.code(), null));
            } catch (RuntimeException e) {
                out.add(new CreateTopicsResponse.TopicResult(t.name(), ErrorMapping.of(e, t.name()).code(),
                        e.getMessage()));
            }
        }
        return new CreateTopicsResponse(0, out);
    }

    DeleteTopicsResponse deleteTopics(DeleteTopicsRequest request) {
        Set<String> duplicates = duplicates(request.topicNames());
        List<DeleteTopicsResponse.TopicResult> out = new ArrayList<>();
        for (String name : request.topicNames()) {
            ErrorCode code;
            if (duplicates.contains(name)) {
                code = ErrorCode.INVALID_REQUEST;
            } else if (!deleteTopicEnable) {
                code = ErrorCode.TOPIC_DELETION_DISABLED;
            } else {
                try {
                    InternalTopics.refuseClientChange(name, "delete");
                    store.deleteTopic(name);
                    code = ErrorCode.NONE;
                } catch (RuntimeException e) {
                    code = ErrorMapping.of(e, name);
                }
            }
            out.add(new DeleteTopicsResponse.TopicResult(name, code.code()));
        }
        return new DeleteTopicsResponse(0, out);
    }

    CreatePartitionsResponse createPartitions(CreatePartitionsRequest request) {
        Set<String> duplicates = duplicates(request.topics().stream().map(CreatePartitionsRequest.Topic::name)
                .toList());
        List<CreatePartitionsResponse.TopicResult> out = new ArrayList<>();
        for (CreatePartitionsRequest.Topic t : request.topics()) {
            if (duplicates.contains(t.name())) {
                out.add(new CreatePartitionsResponse.TopicResult(t.name(), ErrorCode.INVALID_REQUEST.code(),
                        "Duplicate topic in request."));
                continue;
            }
            try {
                InternalTopics.refuseClientChange(t.name(), "add partitions to");
                int current = store.describeTopic(t.name()).partitionCount();
                if (t.count() <= current) {
                    throw new dev.brook.partition.InvalidPartitionsException("Topic currently has " + current
                            + " partitions, which is higher than the requested " + t.count() + ".");
                }
                if (!request.validateOnly()) {
                    store.createPartitions(t.name(), t.count());
                }
                out.add(new CreatePartitionsResponse.TopicResult(t.name(), ErrorCode.NONE.code(), null));
            } catch (RuntimeException e) {
                out.add(new CreatePartitionsResponse.TopicResult(t.name(), ErrorMapping.of(e, t.name()).code(),
                        e.getMessage()));
            }
        }
        return new CreatePartitionsResponse(0, out);
    }

    DeleteRecordsResponse deleteRecords(DeleteRecordsRequest request) {
        List<DeleteRecordsResponse.TopicResult> out = new ArrayList<>();
        for (DeleteRecordsRequest.Topic t : request.topics()) {
            List<DeleteRecordsResponse.PartitionResult> partitions = new ArrayList<>();
            for (DeleteRecordsRequest.Partition p : t.partitions()) {
                if (p.partitionIndex() < 0) {
                    partitions.add(new DeleteRecordsResponse.PartitionResult(p.partitionIndex(), -1,
                            ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code()));
                    continue;
                }
                TopicPartition tp = new TopicPartition(t.name(), p.partitionIndex());
                try {
                    InternalTopics.refuseClientChange(tp.topic(), "delete records of");
                    long low = store.partition(tp).deleteRecordsBefore(p.offset());
                    partitions.add(new DeleteRecordsResponse.PartitionResult(p.partitionIndex(), low,
                            ErrorCode.NONE.code()));
                } catch (RuntimeException e) {
                    partitions.add(new DeleteRecordsResponse.PartitionResult(p.partitionIndex(), -1,
                            ErrorMapping.of(e, tp).code()));
                }
            }
            out.add(new DeleteRecordsResponse.TopicResult(t.name(), partitions));
        }
        return new DeleteRecordsResponse(0, out);
    }

    private static Set<String> duplicates(List<String> names) {
        Set<String> seen = new HashSet<>();
        Set<String> dup = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                dup.add(n);
            }
        }
        return dup;
    }
}

package dev.brook.broker.api;

import dev.brook.broker.config.Listener;
import dev.brook.partition.Partition;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.TopicExistsException;
import dev.brook.partition.topic.TopicMetadata;
import dev.brook.partition.topic.TopicName;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.MetadataRequest;
import dev.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Metadata (v4-8): this node as the only broker and the controller, listed under the advertised listener that
 * matches the listener the request came in on, and the requested topics with this node leading every partition.
 *
 * <p>Auto-creation: an unknown topic is created with {@code num.partitions} and {@code default.replication.factor}
 * when both the request allows it and {@code auto.create.topics.enable} is true, and is then described in the same
 * response (creation is synchronous here, so clients need no LEADER_NOT_AVAILABLE retry). An illegal name is answered
 * INVALID_TOPIC_EXCEPTION and never created. {@code __consumer_offsets} is never auto-created (the group
 * coordinator creates it) and is reported {@code is_internal=true}.
 */
final class MetadataHandler {
    private final PartitionStore store;
    private final int nodeId;
    private final String clusterId;
    private final IntFunction<Listener> advertisedForPort;
    private final boolean autoCreate;
    private final int defaultPartitions;
    private final int defaultReplicationFactor;

    MetadataHandler(PartitionStore store, int nodeId, String clusterId, IntFunction<Listener> advertisedForPort,
                    boolean autoCreate, int defaultPartitions, int defaultReplicationFactor) {
        this.store = store;
        this.nodeId = nodeId;
        this.clusterId = clusterId;
        this.advertisedForPort = advertisedForPort;
        this.autoCreate = autoCreate;
        this.defaultPartitions = defaultPartitions;
        this.defaultReplicationFactor = defaultReplicationFactor;
    }

    MetadataResponse handle(MetadataRequest request, int listenerPort) {
        Listener self = advertisedForPort.apply(listenerPort);
        List<MetadataResponse.Broker> brokers = List.of(new MetadataResponse.Broker(nodeId, self.host(),
                self.port(), null));
        List<String> names = request.topics() == null ? List.copyOf(store.topicNames()) : request.topics();
        List<MetadataResponse.Topic> topics = new ArrayList<>(names.size());
        for (String name : names) {
            topics.add(describe(name, request.allowAutoTopicCreation() && autoCreate));
        }
        return new MetadataResponse(0, brokers, clusterId, nodeId, topics,
                MetadataResponse.AUTHORIZED_OPERATIONS_OMITTED);
    }

    private MetadataResponse.Topic describe(String name, boolean mayCreate) {
        if (!TopicName.isValid(name)) {
            return topicError(name, ErrorCode.INVALID_TOPIC_EXCEPTION);
        }
        Optional<TopicMetadata> topic = store.topic(name);
        // The group coordinator creates its internal topic itself; a client asking for it never does.
        if (topic.isEmpty() && mayCreate && !InternalTopics.isInternal(name)) {
            try {
                topic = Optional.of(store.createTopic(name, defaultPartitions, defaultReplicationFactor, Map.of()));
            } catch (TopicExistsException e) {
                topic = store.topic(name); // created concurrently by another request
            } catch (RuntimeException e) {
                return topicError(name, ErrorMapping.of(e, name));
            }
        }
        if (topic.isEmpty()) {
            return topicError(name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        TopicMetadata t = topic.get();
        List<MetadataResponse.Partition> partitions = new ArrayList<>(t.partitionCount());
        for (int p = 0; p < t.partitionCount(); p++) {
            Optional<Partition> partition = store.findPartition(t.partition(p));
            if (partition.isEmpty()) {
                partitions.add(new MetadataResponse.Partition(ErrorCode.LEADER_NOT_AVAILABLE.code(), p, -1, -1,
                        List.of(nodeId), List.of(), List.of(nodeId)));
            } else {
                partitions.add(new MetadataResponse.Partition(ErrorCode.NONE.code(), p, nodeId,
                        partition.get().leaderEpoch(), List.of(nodeId), List.of(nodeId), List.of()));
            }
        }
        return new MetadataResponse.Topic(ErrorCode.NONE.code(), name, InternalTopics.isInternal(name), partitions,
                MetadataResponse.AUTHORIZED_OPERATIONS_OMITTED);
    }

    private static MetadataResponse.Topic topicError(String name, ErrorCode code) {
        return new MetadataResponse.Topic(code.code(), name, false, List.of(),
                MetadataResponse.AUTHORIZED_OPERATIONS_OMITTED);
    }
}

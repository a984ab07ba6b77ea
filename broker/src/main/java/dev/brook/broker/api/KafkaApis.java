package dev.brook.broker.api;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.Listener;
import dev.brook.broker.fetch.FetchHandler;
import dev.brook.broker.network.RequestContext;
import dev.brook.broker.network.RequestProcessor;
import dev.brook.groups.GroupCoordinator;
import dev.brook.partition.PartitionStore;
import dev.brook.protocol.ApiKey;
import dev.brook.protocol.RequestHeader;
import dev.brook.protocol.UnsupportedApiVersionException;
import dev.brook.protocol.message.CreatePartitionsRequest;
import dev.brook.protocol.message.CreateTopicsRequest;
import dev.brook.protocol.message.DeleteGroupsRequest;
import dev.brook.protocol.message.DeleteRecordsRequest;
import dev.brook.protocol.message.DeleteTopicsRequest;
import dev.brook.protocol.message.DescribeConfigsRequest;
import dev.brook.protocol.message.DescribeGroupsRequest;
import dev.brook.protocol.message.FetchRequest;
import dev.brook.protocol.message.FindCoordinatorRequest;
import dev.brook.protocol.message.HeartbeatRequest;
import dev.brook.protocol.message.InitProducerIdRequest;
import dev.brook.protocol.message.JoinGroupRequest;
import dev.brook.protocol.message.LeaveGroupRequest;
import dev.brook.protocol.message.ListGroupsRequest;
import dev.brook.protocol.message.ListOffsetsRequest;
import dev.brook.protocol.message.MetadataRequest;
import dev.brook.protocol.message.OffsetCommitRequest;
import dev.brook.protocol.message.OffsetDeleteRequest;
import dev.brook.protocol.message.OffsetFetchRequest;
import dev.brook.protocol.message.ProduceRequest;
import dev.brook.protocol.message.SyncGroupRequest;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The broker's request dispatcher: one handler per Kafka API (or per closely related pair), chosen by API key. The
 * set of APIs here is exactly what ApiVersions advertises, so a client never picks an API this broker would refuse.
 *
 * <p>Most handlers answer at once. Fetch (long poll), JoinGroup and SyncGroup (which wait for the rebalance) return
 * futures that complete later, holding no request thread meanwhile. A connection's later requests wait behind them
 * (responses go out in request order, as in Kafka), so every such wait is bounded: a fetch by its
 * {@code max_wait_ms}, a JoinGroup or SyncGroup by the group's rebalance timeout, which the coordinator's timer
 * enforces. Kafka clients expect this: they stop heartbeating while their JoinGroup is in flight.
 */
public final class KafkaApis implements RequestProcessor {
    private static final Set<ApiKey> SERVED = EnumSet.of(ApiKey.API_VERSIONS, ApiKey.METADATA, ApiKey.PRODUCE,
            ApiKey.FETCH, ApiKey.LIST_OFFSETS, ApiKey.CREATE_TOPICS, ApiKey.DELETE_TOPICS, ApiKey.DELETE_RECORDS,
            ApiKey.INIT_PRODUCER_ID, ApiKey.DESCRIBE_CONFIGS, ApiKey.CREATE_PARTITIONS, ApiKey.FIND_COORDINATOR,
            ApiKey.JOIN_GROUP, ApiKey.SYNC_GROUP, ApiKey.HEARTBEAT, ApiKey.LEAVE_GROUP, ApiKey.OFFSET_COMMIT,
            ApiKey.OFFSET_FETCH, ApiKey.LIST_GROUPS, ApiKey.DESCRIBE_GROUPS, ApiKey.DELETE_GROUPS,
            ApiKey.OFFSET_DELETE);

    private final ApiVersionsHandler apiVersions = new ApiVersionsHandler(SERVED);
    private final MetadataHandler metadata;
    private final ProduceHandler produce;
    private final FetchHandler fetch;
    private final ListOffsetsHandler listOffsets;
    private final TopicAdminHandler topicAdmin;
    private final DescribeConfigsHandler describeConfigs;
    private final InitProducerIdHandler initProducerId;
    private final FindCoordinatorHandler findCoordinator;
    private final JoinSyncHandler joinSync;
    private final HeartbeatLeaveHandler heartbeatLeave;
    private final GroupOffsetsHandler groupOffsets;
    private final GroupListingHandler groupListing;
    private final GroupDeletionHandler groupDeletion;

    /**
     * @param store             the partitions this node hosts
     * @param config            the broker's settings
     * @param clusterId         reported in Metadata
     * @param advertisedForPort the advertised listener for a request that arrived on a local port
     * @param producerIds       allocates producer ids
     * @param timer             runs parked fetches
     * @param groups            the group coordinator
     */
    public KafkaApis(PartitionStore store, BrokerConfig config, String clusterId,
                     IntFunction<Listener> advertisedForPort, LongSupplier producerIds,
                     ScheduledExecutorService timer, GroupCoordinator groups) {
        PartitionLookup lookup = store::partition;
        this.metadata = new MetadataHandler(store, config.nodeId(), clusterId, advertisedForPort,
                config.autoCreateTopicsEnable(), config.numPartitions(), config.defaultReplicationFactor());
        this.produce = new ProduceHandler(lookup);
        this.fetch = new FetchHandler(store::partition, ErrorMapping::of, timer);
        this.listOffsets = new ListOffsetsHandler(lookup);
        this.topicAdmin = new TopicAdminHandler(store, config.deleteTopicEnable());
        this.describeConfigs = new DescribeConfigsHandler(store, config);
        this.initProducerId = new InitProducerIdHandler(producerIds);
        this.findCoordinator = new FindCoordinatorHandler(config.nodeId(), advertisedForPort);
        this.joinSync = new JoinSyncHandler(groups);
        this.heartbeatLeave = new HeartbeatLeaveHandler(groups);
        this.groupOffsets = new GroupOffsetsHandler(groups);
        this.groupListing = new GroupListingHandler(groups);
        this.groupDeletion = new GroupDeletionHandler(groups, store);
    }

    /** The APIs this broker serves (and advertises). */
    public static Set<ApiKey> served() {
        return Set.copyOf(SERVED);
    }

    @Override
    public CompletableFuture<Object> process(RequestContext context, Object body) {
        ApiKey api = context.header().api();
        if (!SERVED.contains(api)) {
            return CompletableFuture.failedFuture(new UnsupportedApiVersionException(context.header()));
        }
        return switch (api) {
            case API_VERSIONS -> done(apiVersions.handle());
            case METADATA -> done(metadata.handle((MetadataRequest) body, context.listenerPort()));
            case PRODUCE -> done(produce.handle((ProduceRequest) body));
            case FETCH -> fetch.handle((FetchRequest) body);
            case LIST_OFFSETS -> done(listOffsets.handle((ListOffsetsRequest) body));
            case CREATE_TOPICS -> done(topicAdmin.createTopics((CreateTopicsRequest) body));
            case DELETE_TOPICS -> done(topicAdmin.deleteTopics((DeleteTopicsRequest) body));
            case CREATE_PARTITIONS -> done(topicAdmin.createPartitions((CreatePartitionsRequest) body));
            case DELETE_RECORDS -> done(topicAdmin.deleteRecords((DeleteRecordsRequest) body));
            case DESCRIBE_CONFIGS -> done(describeConfigs.handle((DescribeConfigsRequest) body));
            case INIT_PRODUCER_ID -> done(initProducerId.handle((InitProducerIdRequest) body));
            case FIND_COORDINATOR -> done(findCoordinator.handle((FindCoordinatorRequest) body,
                    context.listenerPort()));
            case JOIN_GROUP -> joinSync.joinGroup((JoinGroupRequest) body, context);
            case SYNC_GROUP -> joinSync.syncGroup((SyncGroupRequest) body);
            case HEARTBEAT -> done(heartbeatLeave.heartbeat((HeartbeatRequest) body));
            case LEAVE_GROUP -> done(heartbeatLeave.leaveGroup((LeaveGroupRequest) body, context.apiVersion()));
            case OFFSET_COMMIT -> done(groupOffsets.commit((OffsetCommitRequest) body));
            case OFFSET_FETCH -> done(groupOffsets.fetch((OffsetFetchRequest) body, context.apiVersion()));
            case LIST_GROUPS -> done(groupListing.listGroups((ListGroupsRequest) body));
            case DESCRIBE_GROUPS -> done(groupListing.describeGroups((DescribeGroupsRequest) body,
                    context.apiVersion()));
            case DELETE_GROUPS -> done(groupDeletion.deleteGroups((DeleteGroupsRequest) body));
            case OFFSET_DELETE -> done(groupDeletion.deleteOffsets((OffsetDeleteRequest) body));
            default -> CompletableFuture.failedFuture(new UnsupportedApiVersionException(context.header()));
        };
    }

    @Override
    public Object unsupportedVersion(RequestHeader header) {
        return header.api() == ApiKey.API_VERSIONS ? apiVersions.unsupportedVersion() : null;
    }

    private static CompletableFuture<Object> done(Object response) {
        return CompletableFuture.completedFuture(response);
    }
}

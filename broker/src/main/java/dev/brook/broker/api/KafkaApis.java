package dev.brook.broker.api;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.Listener;
import dev.brook.broker.fetch.FetchHandler;
import dev.brook.broker.network.RequestContext;
import dev.brook.broker.network.RequestProcessor;
import dev.brook.partition.PartitionStore;
import dev.brook.protocol.ApiKey;
import dev.brook.protocol.RequestHeader;
import dev.brook.protocol.UnsupportedApiVersionException;
import dev.brook.protocol.message.CreatePartitionsRequest;
import dev.brook.protocol.message.CreateTopicsRequest;
import dev.brook.protocol.message.DeleteRecordsRequest;
import dev.brook.protocol.message.DeleteTopicsRequest;
import dev.brook.protocol.message.DescribeConfigsRequest;
import dev.brook.protocol.message.FetchRequest;
import dev.brook.protocol.message.FindCoordinatorRequest;
import dev.brook.protocol.message.InitProducerIdRequest;
import dev.brook.protocol.message.ListOffsetsRequest;
import dev.brook.protocol.message.MetadataRequest;
import dev.brook.protocol.message.ProduceRequest;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The broker's request dispatcher: one handler per Kafka API, chosen by API key. The set of APIs here is exactly
 * what ApiVersions advertises, so a client never picks an API this broker would refuse. The group APIs are not
 * served yet (the consumer-groups work adds them); FindCoordinator is served and answers COORDINATOR_NOT_AVAILABLE
 * until then, because librdkafka only enables lz4 (and other features) when it sees FindCoordinator advertised.
 */
public final class KafkaApis implements RequestProcessor {
    private static final Set<ApiKey> SERVED = EnumSet.of(ApiKey.API_VERSIONS, ApiKey.METADATA, ApiKey.PRODUCE,
            ApiKey.FETCH, ApiKey.LIST_OFFSETS, ApiKey.CREATE_TOPICS, ApiKey.DELETE_TOPICS, ApiKey.DELETE_RECORDS,
            ApiKey.INIT_PRODUCER_ID, ApiKey.DESCRIBE_CONFIGS, ApiKey.CREATE_PARTITIONS, ApiKey.FIND_COORDINATOR);

    private final ApiVersionsHandler apiVersions = new ApiVersionsHandler(SERVED);
    private final MetadataHandler metadata;
    private final ProduceHandler produce;
    private final FetchHandler fetch;
    private final ListOffsetsHandler listOffsets;
    private final TopicAdminHandler topicAdmin;
    private final DescribeConfigsHandler describeConfigs;
    private final InitProducerIdHandler initProducerId;

    /**
     * @param store             the partitions this node hosts
     * @param config            the broker's settings
     * @param clusterId         reported in Metadata
     * @param advertisedForPort the advertised listener for a request that arrived on a local port
     * @param producerIds       allocates producer ids
     * @param timer             runs parked fetches
     */
    public KafkaApis(PartitionStore store, BrokerConfig config, String clusterId,
                     IntFunction<Listener> advertisedForPort, LongSupplier producerIds,
                     ScheduledExecutorService timer) {
        PartitionLookup lookup = store::partition;
        this.metadata = new MetadataHandler(store, config.nodeId(), clusterId, advertisedForPort,
                config.autoCreateTopicsEnable(), config.numPartitions(), config.defaultReplicationFactor());
        this.produce = new ProduceHandler(lookup);
        this.fetch = new FetchHandler(store::partition, ErrorMapping::of, timer);
        this.listOffsets = new ListOffsetsHandler(lookup);
        this.topicAdmin = new TopicAdminHandler(store, config.deleteTopicEnable());
        this.describeConfigs = new DescribeConfigsHandler(store, config);
        this.initProducerId = new InitProducerIdHandler(producerIds);
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
            case FIND_COORDINATOR -> done(FindCoordinatorHandler.handle((FindCoordinatorRequest) body));
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

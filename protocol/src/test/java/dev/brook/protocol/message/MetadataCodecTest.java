package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.nullableString;
import static dev.brook.protocol.testing.RandomValues.string;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class MetadataCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<MetadataRequest, MetadataRequestData> {
        @Override
        public MetadataRequest random(Random rnd, short v) {
            List<String> topics = rnd.nextInt(4) == 0 ? null : list(rnd, 5, r -> string(r));
            return new MetadataRequest(topics, rnd.nextBoolean(), v >= 8 && rnd.nextBoolean(),
                    v >= 8 && rnd.nextBoolean());
        }

        @Override
        public void write(MetadataRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public MetadataRequest read(WireReader r, short v) {
            return MetadataRequest.read(r, v);
        }

        @Override
        public MetadataRequestData kafkaRead(Readable readable, short v) {
            return new MetadataRequestData(readable, v);
        }

        @Override
        public MetadataRequestData toKafka(MetadataRequest m, short v) {
            List<MetadataRequestData.MetadataRequestTopic> topics = null;
            if (m.topics() != null) {
                topics = new ArrayList<>();
                for (String t : m.topics()) {
                    topics.add(new MetadataRequestData.MetadataRequestTopic().setName(t));
                }
            }
            return new MetadataRequestData().setTopics(topics).setAllowAutoTopicCreation(m.allowAutoTopicCreation())
                    .setIncludeClusterAuthorizedOperations(m.includeClusterAuthorizedOperations())
                    .setIncludeTopicAuthorizedOperations(m.includeTopicAuthorizedOperations());
        }

        @Override
        public MetadataRequest fromKafka(MetadataRequestData k, short v) {
            List<String> topics = k.topics() == null ? null
                    : k.topics().stream().map(MetadataRequestData.MetadataRequestTopic::name).toList();
            return new MetadataRequest(topics, k.allowAutoTopicCreation(), k.includeClusterAuthorizedOperations(),
                    k.includeTopicAuthorizedOperations());
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<MetadataResponse, MetadataResponseData> {
        private static final int OMITTED = MetadataResponse.AUTHORIZED_OPERATIONS_OMITTED;

        @Override
        public MetadataResponse random(Random rnd, short v) {
            List<MetadataResponse.Broker> brokers = list(rnd, 4,
                    r -> new MetadataResponse.Broker(int32(r), string(r), int32(r), nullableString(r)));
            List<MetadataResponse.Topic> topics = list(rnd, 4, r -> new MetadataResponse.Topic(int16(r), string(r),
                    r.nextBoolean(), list(r, 4, p -> new MetadataResponse.Partition(int16(p), int32(p), int32(p),
                            v >= 7 ? int32(p) : -1, list(p, 4, x -> int32(x)), list(p, 4, x -> int32(x)),
                            v >= 5 ? list(p, 4, x -> int32(x)) : List.of())),
                    v >= 8 ? int32(r) : OMITTED));
            return new MetadataResponse(int32(rnd), brokers, nullableString(rnd), int32(rnd), topics,
                    v >= 8 ? int32(rnd) : OMITTED);
        }

        @Override
        public void write(MetadataResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public MetadataResponse read(WireReader r, short v) {
            return MetadataResponse.read(r, v);
        }

        @Override
        public MetadataResponseData kafkaRead(Readable readable, short v) {
            return new MetadataResponseData(readable, v);
        }

        @Override
        public MetadataResponseData toKafka(MetadataResponse m, short v) {
            MetadataResponseData.MetadataResponseBrokerCollection brokers =
                    new MetadataResponseData.MetadataResponseBrokerCollection();
            for (MetadataResponse.Broker b : m.brokers()) {
                brokers.mustAdd(new MetadataResponseData.MetadataResponseBroker().setNodeId(b.nodeId())
                        .setHost(b.host()).setPort(b.port()).setRack(b.rack()));
            }
            MetadataResponseData.MetadataResponseTopicCollection topics =
                    new MetadataResponseData.MetadataResponseTopicCollection();
            for (MetadataResponse.Topic t : m.topics()) {
                List<MetadataResponseData.MetadataResponsePartition> partitions = new ArrayList<>();
                for (MetadataResponse.Partition p : t.partitions()) {
                    partitions.add(new MetadataResponseData.MetadataResponsePartition().setErrorCode(p.errorCode())
                            .setPartitionIndex(p.partitionIndex()).setLeaderId(p.leaderId())
                            .setLeaderEpoch(p.leaderEpoch()).setReplicaNodes(new ArrayList<>(p.replicaNodes()))
                            .setIsrNodes(new ArrayList<>(p.isrNodes()))
                            .setOfflineReplicas(new ArrayList<>(p.offlineReplicas())));
                }
                topics.mustAdd(new MetadataResponseData.MetadataResponseTopic().setErrorCode(t.errorCode())
                        .setName(t.name()).setIsInternal(t.isInternal()).setPartitions(partitions)
                        .setTopicAuthorizedOperations(t.topicAuthorizedOperations()));
            }
            return new MetadataResponseData().setThrottleTimeMs(m.throttleTimeMs()).setBrokers(brokers)
                    .setClusterId(m.clusterId()).setControllerId(m.controllerId()).setTopics(topics)
                    .setClusterAuthorizedOperations(m.clusterAuthorizedOperations());
        }

        @Override
        public MetadataResponse fromKafka(MetadataResponseData k, short v) {
            List<MetadataResponse.Broker> brokers = new ArrayList<>();
            for (MetadataResponseData.MetadataResponseBroker b : k.brokers()) {
                brokers.add(new MetadataResponse.Broker(b.nodeId(), b.host(), b.port(), b.rack()));
            }
            List<MetadataResponse.Topic> topics = new ArrayList<>();
            for (MetadataResponseData.MetadataResponseTopic t : k.topics()) {
                List<MetadataResponse.Partition> partitions = new ArrayList<>();
                for (MetadataResponseData.MetadataResponsePartition p : t.partitions()) {
                    partitions.add(new MetadataResponse.Partition(p.errorCode(), p.partitionIndex(), p.leaderId(),
                            p.leaderEpoch(), p.replicaNodes(), p.isrNodes(), p.offlineReplicas()));
                }
                topics.add(new MetadataResponse.Topic(t.errorCode(), t.name(), t.isInternal(), partitions,
                        t.topicAuthorizedOperations()));
            }
            return new MetadataResponse(k.throttleTimeMs(), brokers, k.clusterId(), k.controllerId(), topics,
                    k.clusterAuthorizedOperations());
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 4, 8, 200);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 4, 8, 200);
    }
}

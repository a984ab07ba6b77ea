package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.nullableString;
import static dev.brook.protocol.testing.RandomValues.string;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.testing.RandomValues;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class CreateTopicsCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<CreateTopicsRequest, CreateTopicsRequestData> {
        @Override
        public CreateTopicsRequest random(Random rnd, short v) {
            return new CreateTopicsRequest(list(rnd, 4, r -> new CreateTopicsRequest.CreatableTopic(string(r),
                    int32(r), int16(r),
                    list(r, 3, a -> new CreateTopicsRequest.ReplicaAssignment(int32(a),
                            list(a, 4, RandomValues::int32))),
                    list(r, 3, c -> new CreateTopicsRequest.Config(string(c), nullableString(c))))),
                    int32(rnd), rnd.nextBoolean());
        }

        @Override
        public void write(CreateTopicsRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public CreateTopicsRequest read(WireReader r, short v) {
            return CreateTopicsRequest.read(r, v);
        }

        @Override
        public CreateTopicsRequestData kafkaRead(Readable readable, short v) {
            return new CreateTopicsRequestData(readable, v);
        }

        @Override
        public CreateTopicsRequestData toKafka(CreateTopicsRequest m, short v) {
            CreateTopicsRequestData.CreatableTopicCollection topics =
                    new CreateTopicsRequestData.CreatableTopicCollection();
            for (CreateTopicsRequest.CreatableTopic t : m.topics()) {
                CreateTopicsRequestData.CreatableReplicaAssignmentCollection assignments =
                        new CreateTopicsRequestData.CreatableReplicaAssignmentCollection();
                for (CreateTopicsRequest.ReplicaAssignment a : t.assignments()) {
                    assignments.mustAdd(new CreateTopicsRequestData.CreatableReplicaAssignment()
                            .setPartitionIndex(a.partitionIndex()).setBrokerIds(new ArrayList<>(a.brokerIds())));
                }
                CreateTopicsRequestData.CreatableTopicConfigCollection configs =
                        new CreateTopicsRequestData.CreatableTopicConfigCollection();
                for (CreateTopicsRequest.Config c : t.configs()) {
                    configs.mustAdd(new CreateTopicsRequestData.CreatableTopicConfig().setName(c.name())
                            .setValue(c.value()));
                }
                topics.mustAdd(new CreateTopicsRequestData.CreatableTopic().setName(t.name())
                        .setNumPartitions(t.numPartitions()).setReplicationFactor(t.replicationFactor())
                        .setAssignments(assignments).setConfigs(configs));
            }
            return new CreateTopicsRequestData().setTopics(topics).setTimeoutMs(m.timeoutMs())
                    .setValidateOnly(m.validateOnly());
        }

        @Override
        public CreateTopicsRequest fromKafka(CreateTopicsRequestData k, short v) {
            List<CreateTopicsRequest.CreatableTopic> topics = new ArrayList<>();
            for (CreateTopicsRequestData.CreatableTopic t : k.topics()) {
                List<CreateTopicsRequest.ReplicaAssignment> assignments = new ArrayList<>();
                for (CreateTopicsRequestData.CreatableReplicaAssignment a : t.assignments()) {
                    assignments.add(new CreateTopicsRequest.ReplicaAssignment(a.partitionIndex(), a.brokerIds()));
                }
                List<CreateTopicsRequest.Config> configs = new ArrayList<>();
                for (CreateTopicsRequestData.CreatableTopicConfig c : t.configs()) {
                    configs.add(new CreateTopicsRequest.Config(c.name(), c.value()));
                }
                topics.add(new CreateTopicsRequest.CreatableTopic(t.name(), t.numPartitions(),
                        t.replicationFactor(), assignments, configs));
            }
            return new CreateTopicsRequest(topics, k.timeoutMs(), k.validateOnly());
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<CreateTopicsResponse, CreateTopicsResponseData> {
        @Override
        public CreateTopicsResponse random(Random rnd, short v) {
            return new CreateTopicsResponse(int32(rnd), list(rnd, 5, r -> new CreateTopicsResponse.TopicResult(
                    string(r), int16(r), nullableString(r))));
        }

        @Override
        public void write(CreateTopicsResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public CreateTopicsResponse read(WireReader r, short v) {
            return CreateTopicsResponse.read(r, v);
        }

        @Override
        public CreateTopicsResponseData kafkaRead(Readable readable, short v) {
            return new CreateTopicsResponseData(readable, v);
        }

        @Override
        public CreateTopicsResponseData toKafka(CreateTopicsResponse m, short v) {
            CreateTopicsResponseData.CreatableTopicResultCollection topics =
                    new CreateTopicsResponseData.CreatableTopicResultCollection();
            for (CreateTopicsResponse.TopicResult t : m.topics()) {
                topics.mustAdd(new CreateTopicsResponseData.CreatableTopicResult().setName(t.name())
                        .setErrorCode(t.errorCode()).setErrorMessage(t.errorMessage()));
            }
            return new CreateTopicsResponseData().setThrottleTimeMs(m.throttleTimeMs()).setTopics(topics);
        }

        @Override
        public CreateTopicsResponse fromKafka(CreateTopicsResponseData k, short v) {
            List<CreateTopicsResponse.TopicResult> topics = new ArrayList<>();
            for (CreateTopicsResponseData.CreatableTopicResult t : k.topics()) {
                topics.add(new CreateTopicsResponse.TopicResult(t.name(), t.errorCode(), t.errorMessage()));
            }
            return new CreateTopicsResponse(k.throttleTimeMs(), topics);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 2, 4, 200);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 2, 4, 200);
    }
}

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
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class CreatePartitionsCodecTest {

    public static final class RequestCodec
            implements KafkaTwoWay.Codec<CreatePartitionsRequest, CreatePartitionsRequestData> {
        @Override
        public CreatePartitionsRequest random(Random rnd, short v) {
            return new CreatePartitionsRequest(list(rnd, 4, r -> new CreatePartitionsRequest.Topic(string(r),
                    int32(r), r.nextInt(3) == 0 ? null : list(r, 3, a -> new CreatePartitionsRequest.Assignment(
                            list(a, 4, RandomValues::int32))))),
                    int32(rnd), rnd.nextBoolean());
        }

        @Override
        public void write(CreatePartitionsRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public CreatePartitionsRequest read(WireReader r, short v) {
            return CreatePartitionsRequest.read(r, v);
        }

        @Override
        public CreatePartitionsRequestData kafkaRead(Readable readable, short v) {
            return new CreatePartitionsRequestData(readable, v);
        }

        @Override
        public CreatePartitionsRequestData toKafka(CreatePartitionsRequest m, short v) {
            CreatePartitionsRequestData.CreatePartitionsTopicCollection topics =
                    new CreatePartitionsRequestData.CreatePartitionsTopicCollection();
            for (CreatePartitionsRequest.Topic t : m.topics()) {
                List<CreatePartitionsRequestData.CreatePartitionsAssignment> assignments = null;
                if (t.assignments() != null) {
                    assignments = new ArrayList<>();
                    for (CreatePartitionsRequest.Assignment a : t.assignments()) {
                        assignments.add(new CreatePartitionsRequestData.CreatePartitionsAssignment()
                                .setBrokerIds(new ArrayList<>(a.brokerIds())));
                    }
                }
                topics.mustAdd(new CreatePartitionsRequestData.CreatePartitionsTopic().setName(t.name())
                        .setCount(t.count()).setAssignments(assignments));
            }
            return new CreatePartitionsRequestData().setTopics(topics).setTimeoutMs(m.timeoutMs())
                    .setValidateOnly(m.validateOnly());
        }

        @Override
        public CreatePartitionsRequest fromKafka(CreatePartitionsRequestData k, short v) {
            List<CreatePartitionsRequest.Topic> topics = new ArrayList<>();
            for (CreatePartitionsRequestData.CreatePartitionsTopic t : k.topics()) {
                List<CreatePartitionsRequest.Assignment> assignments = null;
                if (t.assignments() != null) {
                    assignments = new ArrayList<>();
                    for (CreatePartitionsRequestData.CreatePartitionsAssignment a : t.assignments()) {
                        assignments.add(new CreatePartitionsRequest.Assignment(a.brokerIds()));
                    }
                }
                topics.add(new CreatePartitionsRequest.Topic(t.name(), t.count(), assignments));
            }
            return new CreatePartitionsRequest(topics, k.timeoutMs(), k.validateOnly());
        }
    }

    static final class ResponseCodec
            implements KafkaTwoWay.Codec<CreatePartitionsResponse, CreatePartitionsResponseData> {
        @Override
        public CreatePartitionsResponse random(Random rnd, short v) {
            return new CreatePartitionsResponse(int32(rnd), list(rnd, 5,
                    r -> new CreatePartitionsResponse.TopicResult(string(r), int16(r), nullableString(r))));
        }

        @Override
        public void write(CreatePartitionsResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public CreatePartitionsResponse read(WireReader r, short v) {
            return CreatePartitionsResponse.read(r, v);
        }

        @Override
        public CreatePartitionsResponseData kafkaRead(Readable readable, short v) {
            return new CreatePartitionsResponseData(readable, v);
        }

        @Override
        public CreatePartitionsResponseData toKafka(CreatePartitionsResponse m, short v) {
            List<CreatePartitionsResponseData.CreatePartitionsTopicResult> results = new ArrayList<>();
            for (CreatePartitionsResponse.TopicResult t : m.results()) {
                results.add(new CreatePartitionsResponseData.CreatePartitionsTopicResult().setName(t.name())
                        .setErrorCode(t.errorCode()).setErrorMessage(t.errorMessage()));
            }
            return new CreatePartitionsResponseData().setThrottleTimeMs(m.throttleTimeMs()).setResults(results);
        }

        @Override
        public CreatePartitionsResponse fromKafka(CreatePartitionsResponseData k, short v) {
            List<CreatePartitionsResponse.TopicResult> results = new ArrayList<>();
            for (CreatePartitionsResponseData.CreatePartitionsTopicResult t : k.results()) {
                results.add(new CreatePartitionsResponse.TopicResult(t.name(), t.errorCode(), t.errorMessage()));
            }
            return new CreatePartitionsResponse(k.throttleTimeMs(), results);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 0, 1, 200);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 0, 1, 200);
    }
}

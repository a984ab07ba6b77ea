package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.string;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.testing.RandomValues;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class DeleteTopicsCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<DeleteTopicsRequest, DeleteTopicsRequestData> {
        @Override
        public DeleteTopicsRequest random(Random rnd, short v) {
            return new DeleteTopicsRequest(list(rnd, 6, RandomValues::string), int32(rnd));
        }

        @Override
        public void write(DeleteTopicsRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public DeleteTopicsRequest read(WireReader r, short v) {
            return DeleteTopicsRequest.read(r, v);
        }

        @Override
        public DeleteTopicsRequestData kafkaRead(Readable readable, short v) {
            return new DeleteTopicsRequestData(readable, v);
        }

        @Override
        public DeleteTopicsRequestData toKafka(DeleteTopicsRequest m, short v) {
            return new DeleteTopicsRequestData().setTopicNames(new ArrayList<>(m.topicNames()))
                    .setTimeoutMs(m.timeoutMs());
        }

        @Override
        public DeleteTopicsRequest fromKafka(DeleteTopicsRequestData k, short v) {
            return new DeleteTopicsRequest(k.topicNames(), k.timeoutMs());
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<DeleteTopicsResponse, DeleteTopicsResponseData> {
        @Override
        public DeleteTopicsResponse random(Random rnd, short v) {
            return new DeleteTopicsResponse(int32(rnd),
                    list(rnd, 5, r -> new DeleteTopicsResponse.TopicResult(string(r), int16(r))));
        }

        @Override
        public void write(DeleteTopicsResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public DeleteTopicsResponse read(WireReader r, short v) {
            return DeleteTopicsResponse.read(r, v);
        }

        @Override
        public DeleteTopicsResponseData kafkaRead(Readable readable, short v) {
            return new DeleteTopicsResponseData(readable, v);
        }

        @Override
        public DeleteTopicsResponseData toKafka(DeleteTopicsResponse m, short v) {
            DeleteTopicsResponseData.DeletableTopicResultCollection results =
                    new DeleteTopicsResponseData.DeletableTopicResultCollection();
            for (DeleteTopicsResponse.TopicResult t : m.responses()) {
                results.mustAdd(new DeleteTopicsResponseData.DeletableTopicResult().setName(t.name())
                        .setErrorCode(t.errorCode()));
            }
            return new DeleteTopicsResponseData().setThrottleTimeMs(m.throttleTimeMs()).setResponses(results);
        }

        @Override
        public DeleteTopicsResponse fromKafka(DeleteTopicsResponseData k, short v) {
            List<DeleteTopicsResponse.TopicResult> results = new ArrayList<>();
            for (DeleteTopicsResponseData.DeletableTopicResult t : k.responses()) {
                results.add(new DeleteTopicsResponse.TopicResult(t.name(), t.errorCode()));
            }
            return new DeleteTopicsResponse(k.throttleTimeMs(), results);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 1, 3, 200);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 1, 3, 200);
    }
}

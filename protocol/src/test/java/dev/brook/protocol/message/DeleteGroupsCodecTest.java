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
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class DeleteGroupsCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<DeleteGroupsRequest, DeleteGroupsRequestData> {
        @Override
        public DeleteGroupsRequest random(Random rnd, short v) {
            return new DeleteGroupsRequest(list(rnd, 5, RandomValues::string));
        }

        @Override
        public void write(DeleteGroupsRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public DeleteGroupsRequest read(WireReader r, short v) {
            return DeleteGroupsRequest.read(r, v);
        }

        @Override
        public DeleteGroupsRequestData kafkaRead(Readable readable, short v) {
            return new DeleteGroupsRequestData(readable, v);
        }

        @Override
        public DeleteGroupsRequestData toKafka(DeleteGroupsRequest m, short v) {
            return new DeleteGroupsRequestData().setGroupsNames(new ArrayList<>(m.groupsNames()));
        }

        @Override
        public DeleteGroupsRequest fromKafka(DeleteGroupsRequestData k, short v) {
            return new DeleteGroupsRequest(k.groupsNames());
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<DeleteGroupsResponse, DeleteGroupsResponseData> {
        @Override
        public DeleteGroupsResponse random(Random rnd, short v) {
            return new DeleteGroupsResponse(int32(rnd), list(rnd, 5,
                    r -> new DeleteGroupsResponse.GroupResult(string(r), int16(r))));
        }

        @Override
        public void write(DeleteGroupsResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public DeleteGroupsResponse read(WireReader r, short v) {
            return DeleteGroupsResponse.read(r, v);
        }

        @Override
        public DeleteGroupsResponseData kafkaRead(Readable readable, short v) {
            return new DeleteGroupsResponseData(readable, v);
        }

        @Override
        public DeleteGroupsResponseData toKafka(DeleteGroupsResponse m, short v) {
            DeleteGroupsResponseData.DeletableGroupResultCollection results =
                    new DeleteGroupsResponseData.DeletableGroupResultCollection();
            for (DeleteGroupsResponse.GroupResult g : m.results()) {
                results.mustAdd(new DeleteGroupsResponseData.DeletableGroupResult().setGroupId(g.groupId())
                        .setErrorCode(g.errorCode()));
            }
            return new DeleteGroupsResponseData().setThrottleTimeMs(m.throttleTimeMs()).setResults(results);
        }

        @Override
        public DeleteGroupsResponse fromKafka(DeleteGroupsResponseData k, short v) {
            List<DeleteGroupsResponse.GroupResult> results = new ArrayList<>();
            for (DeleteGroupsResponseData.DeletableGroupResult g : k.results()) {
                results.add(new DeleteGroupsResponse.GroupResult(g.groupId(), g.errorCode()));
            }
            return new DeleteGroupsResponse(k.throttleTimeMs(), results);
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

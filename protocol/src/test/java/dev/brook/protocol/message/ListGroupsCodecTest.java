package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.string;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class ListGroupsCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<ListGroupsRequest, ListGroupsRequestData> {
        @Override
        public ListGroupsRequest random(Random rnd, short v) {
            return new ListGroupsRequest();
        }

        @Override
        public void write(ListGroupsRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public ListGroupsRequest read(WireReader r, short v) {
            return ListGroupsRequest.read(r, v);
        }

        @Override
        public ListGroupsRequestData kafkaRead(Readable readable, short v) {
            return new ListGroupsRequestData(readable, v);
        }

        @Override
        public ListGroupsRequestData toKafka(ListGroupsRequest m, short v) {
            return new ListGroupsRequestData();
        }

        @Override
        public ListGroupsRequest fromKafka(ListGroupsRequestData k, short v) {
            return new ListGroupsRequest();
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<ListGroupsResponse, ListGroupsResponseData> {
        @Override
        public ListGroupsResponse random(Random rnd, short v) {
            return new ListGroupsResponse(v >= 1 ? int32(rnd) : 0, int16(rnd),
                    list(rnd, 5, r -> new ListGroupsResponse.ListedGroup(string(r), string(r))));
        }

        @Override
        public void write(ListGroupsResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public ListGroupsResponse read(WireReader r, short v) {
            return ListGroupsResponse.read(r, v);
        }

        @Override
        public ListGroupsResponseData kafkaRead(Readable readable, short v) {
            return new ListGroupsResponseData(readable, v);
        }

        @Override
        public ListGroupsResponseData toKafka(ListGroupsResponse m, short v) {
            List<ListGroupsResponseData.ListedGroup> groups = new ArrayList<>();
            for (ListGroupsResponse.ListedGroup g : m.groups()) {
                groups.add(new ListGroupsResponseData.ListedGroup().setGroupId(g.groupId())
                        .setProtocolType(g.protocolType()));
            }
            ListGroupsResponseData k = new ListGroupsResponseData().setErrorCode(m.errorCode()).setGroups(groups);
            if (v >= 1) {
                k.setThrottleTimeMs(m.throttleTimeMs());
            }
            return k;
        }

        @Override
        public ListGroupsResponse fromKafka(ListGroupsResponseData k, short v) {
            List<ListGroupsResponse.ListedGroup> groups = new ArrayList<>();
            for (ListGroupsResponseData.ListedGroup g : k.groups()) {
                groups.add(new ListGroupsResponse.ListedGroup(g.groupId(), g.protocolType()));
            }
            return new ListGroupsResponse(v >= 1 ? k.throttleTimeMs() : 0, k.errorCode(), groups);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 0, 2, 20);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 0, 2, 200);
    }
}

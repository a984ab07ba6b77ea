package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.bytes;
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
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class DescribeGroupsCodecTest {

    public static final class RequestCodec
            implements KafkaTwoWay.Codec<DescribeGroupsRequest, DescribeGroupsRequestData> {
        @Override
        public DescribeGroupsRequest random(Random rnd, short v) {
            return new DescribeGroupsRequest(list(rnd, 5, RandomValues::string), v >= 3 && rnd.nextBoolean());
        }

        @Override
        public void write(DescribeGroupsRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public DescribeGroupsRequest read(WireReader r, short v) {
            return DescribeGroupsRequest.read(r, v);
        }

        @Override
        public DescribeGroupsRequestData kafkaRead(Readable readable, short v) {
            return new DescribeGroupsRequestData(readable, v);
        }

        @Override
        public DescribeGroupsRequestData toKafka(DescribeGroupsRequest m, short v) {
            DescribeGroupsRequestData k = new DescribeGroupsRequestData().setGroups(new ArrayList<>(m.groups()));
            if (v >= 3) {
                k.setIncludeAuthorizedOperations(m.includeAuthorizedOperations());
            }
            return k;
        }

        @Override
        public DescribeGroupsRequest fromKafka(DescribeGroupsRequestData k, short v) {
            return new DescribeGroupsRequest(k.groups(), v >= 3 && k.includeAuthorizedOperations());
        }
    }

    static final class ResponseCodec
            implements KafkaTwoWay.Codec<DescribeGroupsResponse, DescribeGroupsResponseData> {
        @Override
        public DescribeGroupsResponse random(Random rnd, short v) {
            return new DescribeGroupsResponse(v >= 1 ? int32(rnd) : 0, list(rnd, 3,
                    r -> new DescribeGroupsResponse.DescribedGroup(int16(r), string(r), string(r), string(r),
                            string(r), list(r, 3, m -> new DescribeGroupsResponse.Member(string(m),
                                    v >= 4 ? nullableString(m) : null, string(m), string(m), bytes(m), bytes(m))),
                            v >= 3 ? int32(r) : DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED)));
        }

        @Override
        public void write(DescribeGroupsResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public DescribeGroupsResponse read(WireReader r, short v) {
            return DescribeGroupsResponse.read(r, v);
        }

        @Override
        public DescribeGroupsResponseData kafkaRead(Readable readable, short v) {
            return new DescribeGroupsResponseData(readable, v);
        }

        @Override
        public DescribeGroupsResponseData toKafka(DescribeGroupsResponse m, short v) {
            List<DescribeGroupsResponseData.DescribedGroup> groups = new ArrayList<>();
            for (DescribeGroupsResponse.DescribedGroup g : m.groups()) {
                List<DescribeGroupsResponseData.DescribedGroupMember> members = new ArrayList<>();
                for (DescribeGroupsResponse.Member mb : g.members()) {
                    DescribeGroupsResponseData.DescribedGroupMember km =
                            new DescribeGroupsResponseData.DescribedGroupMember().setMemberId(mb.memberId())
                                    .setClientId(mb.clientId()).setClientHost(mb.clientHost())
                                    .setMemberMetadata(mb.memberMetadata())
                                    .setMemberAssignment(mb.memberAssignment());
                    if (v >= 4) {
                        km.setGroupInstanceId(mb.groupInstanceId());
                    }
                    members.add(km);
                }
                DescribeGroupsResponseData.DescribedGroup kg = new DescribeGroupsResponseData.DescribedGroup()
                        .setErrorCode(g.errorCode()).setGroupId(g.groupId()).setGroupState(g.groupState())
                        .setProtocolType(g.protocolType()).setProtocolData(g.protocolData()).setMembers(members);
                if (v >= 3) {
                    kg.setAuthorizedOperations(g.authorizedOperations());
                }
                groups.add(kg);
            }
            DescribeGroupsResponseData k = new DescribeGroupsResponseData().setGroups(groups);
            if (v >= 1) {
                k.setThrottleTimeMs(m.throttleTimeMs());
            }
            return k;
        }

        @Override
        public DescribeGroupsResponse fromKafka(DescribeGroupsResponseData k, short v) {
            List<DescribeGroupsResponse.DescribedGroup> groups = new ArrayList<>();
            for (DescribeGroupsResponseData.DescribedGroup g : k.groups()) {
                List<DescribeGroupsResponse.Member> members = new ArrayList<>();
                for (DescribeGroupsResponseData.DescribedGroupMember m : g.members()) {
                    members.add(new DescribeGroupsResponse.Member(m.memberId(), v >= 4 ? m.groupInstanceId() : null,
                            m.clientId(), m.clientHost(), m.memberMetadata(), m.memberAssignment()));
                }
                groups.add(new DescribeGroupsResponse.DescribedGroup(g.errorCode(), g.groupId(), g.groupState(),
                        g.protocolType(), g.protocolData(), members,
                        v >= 3 ? g.authorizedOperations() : DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED));
            }
            return new DescribeGroupsResponse(v >= 1 ? k.throttleTimeMs() : 0, groups);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 0, 4, 200);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 0, 4, 200);
    }
}

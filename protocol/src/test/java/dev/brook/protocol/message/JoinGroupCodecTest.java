package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.bytes;
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
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class JoinGroupCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<JoinGroupRequest, JoinGroupRequestData> {
        @Override
        public JoinGroupRequest random(Random rnd, short v) {
            return new JoinGroupRequest(string(rnd), int32(rnd), v >= 1 ? int32(rnd) : -1, string(rnd),
                    v >= 5 ? nullableString(rnd) : null, string(rnd),
                    list(rnd, 4, r -> new JoinGroupRequest.Protocol(string(r), bytes(r))));
        }

        @Override
        public void write(JoinGroupRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public JoinGroupRequest read(WireReader r, short v) {
            return JoinGroupRequest.read(r, v);
        }

        @Override
        public JoinGroupRequestData kafkaRead(Readable readable, short v) {
            return new JoinGroupRequestData(readable, v);
        }

        @Override
        public JoinGroupRequestData toKafka(JoinGroupRequest m, short v) {
            JoinGroupRequestData.JoinGroupRequestProtocolCollection protocols =
                    new JoinGroupRequestData.JoinGroupRequestProtocolCollection();
            for (JoinGroupRequest.Protocol p : m.protocols()) {
                protocols.mustAdd(new JoinGroupRequestData.JoinGroupRequestProtocol().setName(p.name())
                        .setMetadata(p.metadata()));
            }
            JoinGroupRequestData k = new JoinGroupRequestData().setGroupId(m.groupId())
                    .setSessionTimeoutMs(m.sessionTimeoutMs()).setMemberId(m.memberId())
                    .setProtocolType(m.protocolType()).setProtocols(protocols);
            if (v >= 1) {
                k.setRebalanceTimeoutMs(m.rebalanceTimeoutMs());
            }
            if (v >= 5) {
                k.setGroupInstanceId(m.groupInstanceId());
            }
            return k;
        }

        @Override
        public JoinGroupRequest fromKafka(JoinGroupRequestData k, short v) {
            List<JoinGroupRequest.Protocol> protocols = new ArrayList<>();
            for (JoinGroupRequestData.JoinGroupRequestProtocol p : k.protocols()) {
                protocols.add(new JoinGroupRequest.Protocol(p.name(), p.metadata()));
            }
            return new JoinGroupRequest(k.groupId(), k.sessionTimeoutMs(), v >= 1 ? k.rebalanceTimeoutMs() : -1,
                    k.memberId(), v >= 5 ? k.groupInstanceId() : null, k.protocolType(), protocols);
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<JoinGroupResponse, JoinGroupResponseData> {
        @Override
        public JoinGroupResponse random(Random rnd, short v) {
            return new JoinGroupResponse(v >= 2 ? int32(rnd) : 0, int16(rnd), int32(rnd), string(rnd), string(rnd),
                    string(rnd), list(rnd, 4, r -> new JoinGroupResponse.Member(string(r),
                            v >= 5 ? nullableString(r) : null, bytes(r))));
        }

        @Override
        public void write(JoinGroupResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public JoinGroupResponse read(WireReader r, short v) {
            return JoinGroupResponse.read(r, v);
        }

        @Override
        public JoinGroupResponseData kafkaRead(Readable readable, short v) {
            return new JoinGroupResponseData(readable, v);
        }

        @Override
        public JoinGroupResponseData toKafka(JoinGroupResponse m, short v) {
            List<JoinGroupResponseData.JoinGroupResponseMember> members = new ArrayList<>();
            for (JoinGroupResponse.Member mb : m.members()) {
                JoinGroupResponseData.JoinGroupResponseMember km = new JoinGroupResponseData.JoinGroupResponseMember()
                        .setMemberId(mb.memberId()).setMetadata(mb.metadata());
                if (v >= 5) {
                    km.setGroupInstanceId(mb.groupInstanceId());
                }
                members.add(km);
            }
            JoinGroupResponseData k = new JoinGroupResponseData().setErrorCode(m.errorCode())
                    .setGenerationId(m.generationId()).setProtocolName(m.protocolName()).setLeader(m.leader())
                    .setMemberId(m.memberId()).setMembers(members);
            if (v >= 2) {
                k.setThrottleTimeMs(m.throttleTimeMs());
            }
            return k;
        }

        @Override
        public JoinGroupResponse fromKafka(JoinGroupResponseData k, short v) {
            List<JoinGroupResponse.Member> members = new ArrayList<>();
            for (JoinGroupResponseData.JoinGroupResponseMember m : k.members()) {
                members.add(new JoinGroupResponse.Member(m.memberId(), v >= 5 ? m.groupInstanceId() : null,
                        m.metadata()));
            }
            return new JoinGroupResponse(v >= 2 ? k.throttleTimeMs() : 0, k.errorCode(), k.generationId(),
                    k.protocolName(), k.leader(), k.memberId(), members);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 0, 5, 200);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 0, 5, 200);
    }
}

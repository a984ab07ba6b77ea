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
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class LeaveGroupCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<LeaveGroupRequest, LeaveGroupRequestData> {
        @Override
        public LeaveGroupRequest random(Random rnd, short v) {
            if (v < 3) {
                return new LeaveGroupRequest(string(rnd), string(rnd), List.of());
            }
            return new LeaveGroupRequest(string(rnd), "", list(rnd, 4,
                    r -> new LeaveGroupRequest.MemberIdentity(string(r), nullableString(r))));
        }

        @Override
        public void write(LeaveGroupRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public LeaveGroupRequest read(WireReader r, short v) {
            return LeaveGroupRequest.read(r, v);
        }

        @Override
        public LeaveGroupRequestData kafkaRead(Readable readable, short v) {
            return new LeaveGroupRequestData(readable, v);
        }

        @Override
        public LeaveGroupRequestData toKafka(LeaveGroupRequest m, short v) {
            LeaveGroupRequestData k = new LeaveGroupRequestData().setGroupId(m.groupId());
            if (v < 3) {
                return k.setMemberId(m.memberId());
            }
            List<LeaveGroupRequestData.MemberIdentity> members = new ArrayList<>();
            for (LeaveGroupRequest.MemberIdentity mi : m.members()) {
                members.add(new LeaveGroupRequestData.MemberIdentity().setMemberId(mi.memberId())
                        .setGroupInstanceId(mi.groupInstanceId()));
            }
            return k.setMembers(members);
        }

        @Override
        public LeaveGroupRequest fromKafka(LeaveGroupRequestData k, short v) {
            if (v < 3) {
                return new LeaveGroupRequest(k.groupId(), k.memberId(), List.of());
            }
            List<LeaveGroupRequest.MemberIdentity> members = new ArrayList<>();
            for (LeaveGroupRequestData.MemberIdentity mi : k.members()) {
                members.add(new LeaveGroupRequest.MemberIdentity(mi.memberId(), mi.groupInstanceId()));
            }
            return new LeaveGroupRequest(k.groupId(), "", members);
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<LeaveGroupResponse, LeaveGroupResponseData> {
        @Override
        public LeaveGroupResponse random(Random rnd, short v) {
            return new LeaveGroupResponse(v >= 1 ? int32(rnd) : 0, int16(rnd), v >= 3 ? list(rnd, 4,
                    r -> new LeaveGroupResponse.MemberResponse(string(r), nullableString(r), int16(r))) : List.of());
        }

        @Override
        public void write(LeaveGroupResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public LeaveGroupResponse read(WireReader r, short v) {
            return LeaveGroupResponse.read(r, v);
        }

        @Override
        public LeaveGroupResponseData kafkaRead(Readable readable, short v) {
            return new LeaveGroupResponseData(readable, v);
        }

        @Override
        public LeaveGroupResponseData toKafka(LeaveGroupResponse m, short v) {
            LeaveGroupResponseData k = new LeaveGroupResponseData().setErrorCode(m.errorCode());
            if (v >= 1) {
                k.setThrottleTimeMs(m.throttleTimeMs());
            }
            if (v >= 3) {
                List<LeaveGroupResponseData.MemberResponse> members = new ArrayList<>();
                for (LeaveGroupResponse.MemberResponse mr : m.members()) {
                    members.add(new LeaveGroupResponseData.MemberResponse().setMemberId(mr.memberId())
                            .setGroupInstanceId(mr.groupInstanceId()).setErrorCode(mr.errorCode()));
                }
                k.setMembers(members);
            }
            return k;
        }

        @Override
        public LeaveGroupResponse fromKafka(LeaveGroupResponseData k, short v) {
            List<LeaveGroupResponse.MemberResponse> members = new ArrayList<>();
            if (v >= 3) {
                for (LeaveGroupResponseData.MemberResponse mr : k.members()) {
                    members.add(new LeaveGroupResponse.MemberResponse(mr.memberId(), mr.groupInstanceId(),
                            mr.errorCode()));
                }
            }
            return new LeaveGroupResponse(v >= 1 ? k.throttleTimeMs() : 0, k.errorCode(), members);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 0, 3, 200);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 0, 3, 200);
    }
}

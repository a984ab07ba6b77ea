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
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class SyncGroupCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<SyncGroupRequest, SyncGroupRequestData> {
        @Override
        public SyncGroupRequest random(Random rnd, short v) {
            return new SyncGroupRequest(string(rnd), int32(rnd), string(rnd), v >= 3 ? nullableString(rnd) : null,
                    list(rnd, 4, r -> new SyncGroupRequest.Assignment(string(r), bytes(r))));
        }

        @Override
        public void write(SyncGroupRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public SyncGroupRequest read(WireReader r, short v) {
            return SyncGroupRequest.read(r, v);
        }

        @Override
        public SyncGroupRequestData kafkaRead(Readable readable, short v) {
            return new SyncGroupRequestData(readable, v);
        }

        @Override
        public SyncGroupRequestData toKafka(SyncGroupRequest m, short v) {
            List<SyncGroupRequestData.SyncGroupRequestAssignment> assignments = new ArrayList<>();
            for (SyncGroupRequest.Assignment a : m.assignments()) {
                assignments.add(new SyncGroupRequestData.SyncGroupRequestAssignment().setMemberId(a.memberId())
                        .setAssignment(a.assignment()));
            }
            SyncGroupRequestData k = new SyncGroupRequestData().setGroupId(m.groupId())
                    .setGenerationId(m.generationId()).setMemberId(m.memberId()).setAssignments(assignments);
            if (v >= 3) {
                k.setGroupInstanceId(m.groupInstanceId());
            }
            return k;
        }

        @Override
        public SyncGroupRequest fromKafka(SyncGroupRequestData k, short v) {
            List<SyncGroupRequest.Assignment> assignments = new ArrayList<>();
            for (SyncGroupRequestData.SyncGroupRequestAssignment a : k.assignments()) {
                assignments.add(new SyncGroupRequest.Assignment(a.memberId(), a.assignment()));
            }
            return new SyncGroupRequest(k.groupId(), k.generationId(), k.memberId(),
                    v >= 3 ? k.groupInstanceId() : null, assignments);
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<SyncGroupResponse, SyncGroupResponseData> {
        @Override
        public SyncGroupResponse random(Random rnd, short v) {
            return new SyncGroupResponse(v >= 1 ? int32(rnd) : 0, int16(rnd), bytes(rnd));
        }

        @Override
        public void write(SyncGroupResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public SyncGroupResponse read(WireReader r, short v) {
            return SyncGroupResponse.read(r, v);
        }

        @Override
        public SyncGroupResponseData kafkaRead(Readable readable, short v) {
            return new SyncGroupResponseData(readable, v);
        }

        @Override
        public SyncGroupResponseData toKafka(SyncGroupResponse m, short v) {
            SyncGroupResponseData k = new SyncGroupResponseData().setErrorCode(m.errorCode())
                    .setAssignment(m.assignment());
            if (v >= 1) {
                k.setThrottleTimeMs(m.throttleTimeMs());
            }
            return k;
        }

        @Override
        public SyncGroupResponse fromKafka(SyncGroupResponseData k, short v) {
            return new SyncGroupResponse(v >= 1 ? k.throttleTimeMs() : 0, k.errorCode(), k.assignment());
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

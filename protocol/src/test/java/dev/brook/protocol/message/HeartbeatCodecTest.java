package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.nullableString;
import static dev.brook.protocol.testing.RandomValues.string;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.Random;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class HeartbeatCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<HeartbeatRequest, HeartbeatRequestData> {
        @Override
        public HeartbeatRequest random(Random rnd, short v) {
            return new HeartbeatRequest(string(rnd), int32(rnd), string(rnd), v >= 3 ? nullableString(rnd) : null);
        }

        @Override
        public void write(HeartbeatRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public HeartbeatRequest read(WireReader r, short v) {
            return HeartbeatRequest.read(r, v);
        }

        @Override
        public HeartbeatRequestData kafkaRead(Readable readable, short v) {
            return new HeartbeatRequestData(readable, v);
        }

        @Override
        public HeartbeatRequestData toKafka(HeartbeatRequest m, short v) {
            HeartbeatRequestData k = new HeartbeatRequestData().setGroupId(m.groupId())
                    .setGenerationId(m.generationId()).setMemberId(m.memberId());
            if (v >= 3) {
                k.setGroupInstanceId(m.groupInstanceId());
            }
            return k;
        }

        @Override
        public HeartbeatRequest fromKafka(HeartbeatRequestData k, short v) {
            return new HeartbeatRequest(k.groupId(), k.generationId(), k.memberId(),
                    v >= 3 ? k.groupInstanceId() : null);
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<HeartbeatResponse, HeartbeatResponseData> {
        @Override
        public HeartbeatResponse random(Random rnd, short v) {
            return new HeartbeatResponse(v >= 1 ? int32(rnd) : 0, int16(rnd));
        }

        @Override
        public void write(HeartbeatResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public HeartbeatResponse read(WireReader r, short v) {
            return HeartbeatResponse.read(r, v);
        }

        @Override
        public HeartbeatResponseData kafkaRead(Readable readable, short v) {
            return new HeartbeatResponseData(readable, v);
        }

        @Override
        public HeartbeatResponseData toKafka(HeartbeatResponse m, short v) {
            HeartbeatResponseData k = new HeartbeatResponseData().setErrorCode(m.errorCode());
            if (v >= 1) {
                k.setThrottleTimeMs(m.throttleTimeMs());
            }
            return k;
        }

        @Override
        public HeartbeatResponse fromKafka(HeartbeatResponseData k, short v) {
            return new HeartbeatResponse(v >= 1 ? k.throttleTimeMs() : 0, k.errorCode());
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

package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.int8;
import static dev.brook.protocol.testing.RandomValues.nullableString;
import static dev.brook.protocol.testing.RandomValues.string;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.Random;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class FindCoordinatorCodecTest {

    public static final class RequestCodec
            implements KafkaTwoWay.Codec<FindCoordinatorRequest, FindCoordinatorRequestData> {
        @Override
        public FindCoordinatorRequest random(Random rnd, short v) {
            return new FindCoordinatorRequest(string(rnd), v >= 1 ? int8(rnd) : FindCoordinatorRequest.KEY_TYPE_GROUP);
        }

        @Override
        public void write(FindCoordinatorRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public FindCoordinatorRequest read(WireReader r, short v) {
            return FindCoordinatorRequest.read(r, v);
        }

        @Override
        public FindCoordinatorRequestData kafkaRead(Readable readable, short v) {
            return new FindCoordinatorRequestData(readable, v);
        }

        @Override
        public FindCoordinatorRequestData toKafka(FindCoordinatorRequest m, short v) {
            return new FindCoordinatorRequestData().setKey(m.key()).setKeyType(m.keyType());
        }

        @Override
        public FindCoordinatorRequest fromKafka(FindCoordinatorRequestData k, short v) {
            return new FindCoordinatorRequest(k.key(), k.keyType());
        }
    }

    static final class ResponseCodec
            implements KafkaTwoWay.Codec<FindCoordinatorResponse, FindCoordinatorResponseData> {
        @Override
        public FindCoordinatorResponse random(Random rnd, short v) {
            return new FindCoordinatorResponse(v >= 1 ? int32(rnd) : 0, int16(rnd),
                    v >= 1 ? nullableString(rnd) : null, int32(rnd), string(rnd), int32(rnd));
        }

        @Override
        public void write(FindCoordinatorResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public FindCoordinatorResponse read(WireReader r, short v) {
            return FindCoordinatorResponse.read(r, v);
        }

        @Override
        public FindCoordinatorResponseData kafkaRead(Readable readable, short v) {
            return new FindCoordinatorResponseData(readable, v);
        }

        @Override
        public FindCoordinatorResponseData toKafka(FindCoordinatorResponse m, short v) {
            FindCoordinatorResponseData k = new FindCoordinatorResponseData().setErrorCode(m.errorCode())
                    .setNodeId(m.nodeId()).setHost(m.host()).setPort(m.port());
            if (v >= 1) {
                k.setThrottleTimeMs(m.throttleTimeMs()).setErrorMessage(m.errorMessage());
            }
            return k;
        }

        @Override
        public FindCoordinatorResponse fromKafka(FindCoordinatorResponseData k, short v) {
            return new FindCoordinatorResponse(v >= 1 ? k.throttleTimeMs() : 0, k.errorCode(),
                    v >= 1 ? k.errorMessage() : null, k.nodeId(), k.host(), k.port());
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 0, 2, 200);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 0, 2, 200);
    }
}

package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.int64;
import static dev.brook.protocol.testing.RandomValues.nullableString;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.Random;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class InitProducerIdCodecTest {

    public static final class RequestCodec
            implements KafkaTwoWay.Codec<InitProducerIdRequest, InitProducerIdRequestData> {
        @Override
        public InitProducerIdRequest random(Random rnd, short v) {
            return new InitProducerIdRequest(nullableString(rnd), int32(rnd));
        }

        @Override
        public void write(InitProducerIdRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public InitProducerIdRequest read(WireReader r, short v) {
            return InitProducerIdRequest.read(r, v);
        }

        @Override
        public InitProducerIdRequestData kafkaRead(Readable readable, short v) {
            return new InitProducerIdRequestData(readable, v);
        }

        @Override
        public InitProducerIdRequestData toKafka(InitProducerIdRequest m, short v) {
            return new InitProducerIdRequestData().setTransactionalId(m.transactionalId())
                    .setTransactionTimeoutMs(m.transactionTimeoutMs());
        }

        @Override
        public InitProducerIdRequest fromKafka(InitProducerIdRequestData k, short v) {
            return new InitProducerIdRequest(k.transactionalId(), k.transactionTimeoutMs());
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<InitProducerIdResponse, InitProducerIdResponseData> {
        @Override
        public InitProducerIdResponse random(Random rnd, short v) {
            return new InitProducerIdResponse(int32(rnd), int16(rnd), int64(rnd), int16(rnd));
        }

        @Override
        public void write(InitProducerIdResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public InitProducerIdResponse read(WireReader r, short v) {
            return InitProducerIdResponse.read(r, v);
        }

        @Override
        public InitProducerIdResponseData kafkaRead(Readable readable, short v) {
            return new InitProducerIdResponseData(readable, v);
        }

        @Override
        public InitProducerIdResponseData toKafka(InitProducerIdResponse m, short v) {
            return new InitProducerIdResponseData().setThrottleTimeMs(m.throttleTimeMs())
                    .setErrorCode(m.errorCode()).setProducerId(m.producerId()).setProducerEpoch(m.producerEpoch());
        }

        @Override
        public InitProducerIdResponse fromKafka(InitProducerIdResponseData k, short v) {
            return new InitProducerIdResponse(k.throttleTimeMs(), k.errorCode(), k.producerId(), k.producerEpoch());
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

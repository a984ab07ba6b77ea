package dev.brook.protocol.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.Random;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

/** The harness itself: a failure of any kind must carry the seed that replays it. */
class KafkaTwoWayTest {

    /** A codec over a bare int16 error code whose Brook writer throws. */
    private static final class ThrowingCodec implements KafkaTwoWay.Codec<Short, HeartbeatResponseData> {
        @Override
        public Short random(Random rnd, short version) {
            return (short) rnd.nextInt();
        }

        @Override
        public void write(Short message, WireWriter w, short version) {
            throw new IllegalStateException("codec bug");
        }

        @Override
        public Short read(WireReader r, short version) {
            return r.readInt16("error_code");
        }

        @Override
        public HeartbeatResponseData kafkaRead(Readable readable, short version) {
            return new HeartbeatResponseData(readable, version);
        }

        @Override
        public HeartbeatResponseData toKafka(Short message, short version) {
            return new HeartbeatResponseData().setErrorCode(message);
        }

        @Override
        public Short fromKafka(HeartbeatResponseData message, short version) {
            return message.errorCode();
        }
    }

    @Test
    void anExceptionInsideACodecIsReportedWithTheSeed() {
        assertThatThrownBy(() -> KafkaTwoWay.check(new ThrowingCodec(), 0, 0, 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed=")
                .hasMessageContaining("version=0 iteration=0")
                .hasMessageContaining("codec bug")
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}

package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.int64;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.nullableRecords;
import static dev.brook.protocol.testing.RandomValues.nullableString;
import static dev.brook.protocol.testing.RandomValues.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.protocol.RequestDecoder;
import dev.brook.protocol.RequestHeader;
import dev.brook.protocol.UnsupportedApiVersionException;
import dev.brook.protocol.testing.KafkaRecords;
import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.wire.ByteBufferRecords;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class ProduceCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<ProduceRequest, ProduceRequestData> {
        @Override
        public ProduceRequest random(Random rnd, short v) {
            return new ProduceRequest(nullableString(rnd), int16(rnd), int32(rnd),
                    list(rnd, 4, r -> new ProduceRequest.TopicData(string(r),
                            list(r, 4, p -> new ProduceRequest.PartitionData(int32(p), nullableRecords(p))))));
        }

        @Override
        public void write(ProduceRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public ProduceRequest read(WireReader r, short v) {
            return ProduceRequest.read(r, v);
        }

        @Override
        public ProduceRequestData kafkaRead(Readable readable, short v) {
            return new ProduceRequestData(readable, v);
        }

        @Override
        public ProduceRequestData toKafka(ProduceRequest m, short v) {
            ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
            for (ProduceRequest.TopicData t : m.topicData()) {
                List<ProduceRequestData.PartitionProduceData> partitions = new ArrayList<>();
                for (ProduceRequest.PartitionData p : t.partitionData()) {
                    partitions.add(new ProduceRequestData.PartitionProduceData().setIndex(p.index())
                            .setRecords(KafkaRecords.toKafka(p.records())));
                }
                topics.mustAdd(new ProduceRequestData.TopicProduceData().setName(t.name())
                        .setPartitionData(partitions));
            }
            return new ProduceRequestData().setTransactionalId(m.transactionalId()).setAcks(m.acks())
                    .setTimeoutMs(m.timeoutMs()).setTopicData(topics);
        }

        @Override
        public ProduceRequest fromKafka(ProduceRequestData k, short v) {
            List<ProduceRequest.TopicData> topics = new ArrayList<>();
            for (ProduceRequestData.TopicProduceData t : k.topicData()) {
                List<ProduceRequest.PartitionData> partitions = new ArrayList<>();
                for (ProduceRequestData.PartitionProduceData p : t.partitionData()) {
                    partitions.add(new ProduceRequest.PartitionData(p.index(), KafkaRecords.fromKafka(p.records())));
                }
                topics.add(new ProduceRequest.TopicData(t.name(), partitions));
            }
            return new ProduceRequest(k.transactionalId(), k.acks(), k.timeoutMs(), topics);
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<ProduceResponse, ProduceResponseData> {
        @Override
        public ProduceResponse random(Random rnd, short v) {
            return new ProduceResponse(list(rnd, 4, r -> new ProduceResponse.TopicResponse(string(r),
                    list(r, 4, p -> new ProduceResponse.PartitionResponse(int32(p), int16(p), int64(p), int64(p),
                            v >= 5 ? int64(p) : -1L)))), int32(rnd));
        }

        @Override
        public void write(ProduceResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public ProduceResponse read(WireReader r, short v) {
            return ProduceResponse.read(r, v);
        }

        @Override
        public ProduceResponseData kafkaRead(Readable readable, short v) {
            return new ProduceResponseData(readable, v);
        }

        @Override
        public ProduceResponseData toKafka(ProduceResponse m, short v) {
            ProduceResponseData.TopicProduceResponseCollection topics =
                    new ProduceResponseData.TopicProduceResponseCollection();
            for (ProduceResponse.TopicResponse t : m.responses()) {
                List<ProduceResponseData.PartitionProduceResponse> partitions = new ArrayList<>();
                for (ProduceResponse.PartitionResponse p : t.partitionResponses()) {
                    partitions.add(new ProduceResponseData.PartitionProduceResponse().setIndex(p.index())
                            .setErrorCode(p.errorCode()).setBaseOffset(p.baseOffset())
                            .setLogAppendTimeMs(p.logAppendTimeMs()).setLogStartOffset(p.logStartOffset()));
                }
                topics.mustAdd(new ProduceResponseData.TopicProduceResponse().setName(t.name())
                        .setPartitionResponses(partitions));
            }
            return new ProduceResponseData().setResponses(topics).setThrottleTimeMs(m.throttleTimeMs());
        }

        @Override
        public ProduceResponse fromKafka(ProduceResponseData k, short v) {
            List<ProduceResponse.TopicResponse> topics = new ArrayList<>();
            for (ProduceResponseData.TopicProduceResponse t : k.responses()) {
                List<ProduceResponse.PartitionResponse> partitions = new ArrayList<>();
                for (ProduceResponseData.PartitionProduceResponse p : t.partitionResponses()) {
                    partitions.add(new ProduceResponse.PartitionResponse(p.index(), p.errorCode(), p.baseOffset(),
                            p.logAppendTimeMs(), p.logStartOffset()));
                }
                topics.add(new ProduceResponse.TopicResponse(t.name(), partitions));
            }
            return new ProduceResponse(topics, k.throttleTimeMs());
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryImplementedVersion() {
        KafkaTwoWay.check(new RequestCodec(), 3, 7, 150);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryImplementedVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 3, 7, 150);
    }

    private static ByteBuffer frame(short version, ProduceRequest body) {
        WireWriter w = new WireWriter();
        new RequestHeader((short) 0, version, 5, "p").write(w);
        body.write(w, (short) 3);
        return w.toEncodedMessage().toByteBuffer();
    }

    @Test
    void advertisedButUnimplementedV0ToV2AreRefusedWithTheHeader() {
        ProduceRequest body = new ProduceRequest(null, (short) 1, 100, List.of());
        for (short v = 0; v <= 2; v++) {
            short version = v;
            assertThatThrownBy(() -> RequestDecoder.decode(frame(version, body)))
                    .isInstanceOfSatisfying(UnsupportedApiVersionException.class,
                            e -> assertThat(e.header().apiVersion()).isEqualTo(version));
        }
    }

    @Test
    void decodedRecordsAreAZeroCopySliceOfTheFrame() {
        byte[] batch = {1, 2, 3, 4, 5};
        ProduceRequest body = new ProduceRequest(null, (short) -1, 100, List.of(new ProduceRequest.TopicData("t",
                List.of(new ProduceRequest.PartitionData(0, new ByteBufferRecords(ByteBuffer.wrap(batch)))))));
        ByteBuffer frame = frame((short) 7, body);
        ProduceRequest decoded = (ProduceRequest) RequestDecoder.decode(frame).body();
        assertThat(decoded).isEqualTo(body);
        ByteBufferRecords records = (ByteBufferRecords) decoded.topicData().get(0).partitionData().get(0).records();
        frame.put(frame.limit() - 1, (byte) 99);
        assertThat(records.buffer().get(4)).isEqualTo((byte) 99);
    }
}

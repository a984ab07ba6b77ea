package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.int64;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.nullableString;
import static dev.brook.protocol.testing.RandomValues.string;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.testing.RandomValues;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class OffsetFetchCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<OffsetFetchRequest, OffsetFetchRequestData> {
        @Override
        public OffsetFetchRequest random(Random rnd, short v) {
            List<OffsetFetchRequest.Topic> topics = v >= 2 && rnd.nextInt(4) == 0 ? null : list(rnd, 4,
                    r -> new OffsetFetchRequest.Topic(string(r), list(r, 5, RandomValues::int32)));
            return new OffsetFetchRequest(string(rnd), topics);
        }

        @Override
        public void write(OffsetFetchRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public OffsetFetchRequest read(WireReader r, short v) {
            return OffsetFetchRequest.read(r, v);
        }

        @Override
        public OffsetFetchRequestData kafkaRead(Readable readable, short v) {
            return new OffsetFetchRequestData(readable, v);
        }

        @Override
        public OffsetFetchRequestData toKafka(OffsetFetchRequest m, short v) {
            List<OffsetFetchRequestData.OffsetFetchRequestTopic> topics = null;
            if (m.topics() != null) {
                topics = new ArrayList<>();
                for (OffsetFetchRequest.Topic t : m.topics()) {
                    topics.add(new OffsetFetchRequestData.OffsetFetchRequestTopic().setName(t.name())
                            .setPartitionIndexes(new ArrayList<>(t.partitionIndexes())));
                }
            }
            return new OffsetFetchRequestData().setGroupId(m.groupId()).setTopics(topics);
        }

        @Override
        public OffsetFetchRequest fromKafka(OffsetFetchRequestData k, short v) {
            List<OffsetFetchRequest.Topic> topics = null;
            if (k.topics() != null) {
                topics = new ArrayList<>();
                for (OffsetFetchRequestData.OffsetFetchRequestTopic t : k.topics()) {
                    topics.add(new OffsetFetchRequest.Topic(t.name(), t.partitionIndexes()));
                }
            }
            return new OffsetFetchRequest(k.groupId(), topics);
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<OffsetFetchResponse, OffsetFetchResponseData> {
        @Override
        public OffsetFetchResponse random(Random rnd, short v) {
            return new OffsetFetchResponse(v >= 3 ? int32(rnd) : 0, list(rnd, 4, r -> new OffsetFetchResponse.Topic(
                    string(r), list(r, 4, p -> new OffsetFetchResponse.Partition(int32(p), int64(p),
                            v >= 5 ? int32(p) : -1, nullableString(p), int16(p))))), v >= 2 ? int16(rnd) : 0);
        }

        @Override
        public void write(OffsetFetchResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public OffsetFetchResponse read(WireReader r, short v) {
            return OffsetFetchResponse.read(r, v);
        }

        @Override
        public OffsetFetchResponseData kafkaRead(Readable readable, short v) {
            return new OffsetFetchResponseData(readable, v);
        }

        @Override
        public OffsetFetchResponseData toKafka(OffsetFetchResponse m, short v) {
            List<OffsetFetchResponseData.OffsetFetchResponseTopic> topics = new ArrayList<>();
            for (OffsetFetchResponse.Topic t : m.topics()) {
                List<OffsetFetchResponseData.OffsetFetchResponsePartition> partitions = new ArrayList<>();
                for (OffsetFetchResponse.Partition p : t.partitions()) {
                    OffsetFetchResponseData.OffsetFetchResponsePartition kp =
                            new OffsetFetchResponseData.OffsetFetchResponsePartition()
                                    .setPartitionIndex(p.partitionIndex()).setCommittedOffset(p.committedOffset())
                                    .setMetadata(p.metadata()).setErrorCode(p.errorCode());
                    if (v >= 5) {
                        kp.setCommittedLeaderEpoch(p.committedLeaderEpoch());
                    }
                    partitions.add(kp);
                }
                topics.add(new OffsetFetchResponseData.OffsetFetchResponseTopic().setName(t.name())
                        .setPartitions(partitions));
            }
            OffsetFetchResponseData k = new OffsetFetchResponseData().setTopics(topics);
            if (v >= 3) {
                k.setThrottleTimeMs(m.throttleTimeMs());
            }
            if (v >= 2) {
                k.setErrorCode(m.errorCode());
            }
            return k;
        }

        @Override
        public OffsetFetchResponse fromKafka(OffsetFetchResponseData k, short v) {
            List<OffsetFetchResponse.Topic> topics = new ArrayList<>();
            for (OffsetFetchResponseData.OffsetFetchResponseTopic t : k.topics()) {
                List<OffsetFetchResponse.Partition> partitions = new ArrayList<>();
                for (OffsetFetchResponseData.OffsetFetchResponsePartition p : t.partitions()) {
                    partitions.add(new OffsetFetchResponse.Partition(p.partitionIndex(), p.committedOffset(),
                            v >= 5 ? p.committedLeaderEpoch() : -1, p.metadata(), p.errorCode()));
                }
                topics.add(new OffsetFetchResponse.Topic(t.name(), partitions));
            }
            return new OffsetFetchResponse(v >= 3 ? k.throttleTimeMs() : 0, topics, v >= 2 ? k.errorCode() : 0);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 1, 5, 200);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 1, 5, 200);
    }

    @Test
    void allTopicsCannotBeWrittenAtV1() {
        assertThatThrownBy(() -> new OffsetFetchRequest("g", null).write(new WireWriter(), (short) 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

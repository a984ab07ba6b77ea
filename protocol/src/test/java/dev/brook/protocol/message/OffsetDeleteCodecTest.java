package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.string;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.testing.RandomValues;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class OffsetDeleteCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<OffsetDeleteRequest, OffsetDeleteRequestData> {
        @Override
        public OffsetDeleteRequest random(Random rnd, short v) {
            return new OffsetDeleteRequest(string(rnd), list(rnd, 4,
                    r -> new OffsetDeleteRequest.Topic(string(r), list(r, 5, RandomValues::int32))));
        }

        @Override
        public void write(OffsetDeleteRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public OffsetDeleteRequest read(WireReader r, short v) {
            return OffsetDeleteRequest.read(r, v);
        }

        @Override
        public OffsetDeleteRequestData kafkaRead(Readable readable, short v) {
            return new OffsetDeleteRequestData(readable, v);
        }

        @Override
        public OffsetDeleteRequestData toKafka(OffsetDeleteRequest m, short v) {
            OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection topics =
                    new OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection();
            for (OffsetDeleteRequest.Topic t : m.topics()) {
                List<OffsetDeleteRequestData.OffsetDeleteRequestPartition> partitions = new ArrayList<>();
                for (int p : t.partitionIndexes()) {
                    partitions.add(new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(p));
                }
                topics.mustAdd(new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName(t.name())
                        .setPartitions(partitions));
            }
            return new OffsetDeleteRequestData().setGroupId(m.groupId()).setTopics(topics);
        }

        @Override
        public OffsetDeleteRequest fromKafka(OffsetDeleteRequestData k, short v) {
            List<OffsetDeleteRequest.Topic> topics = new ArrayList<>();
            for (OffsetDeleteRequestData.OffsetDeleteRequestTopic t : k.topics()) {
                List<Integer> partitions = new ArrayList<>();
                for (OffsetDeleteRequestData.OffsetDeleteRequestPartition p : t.partitions()) {
                    partitions.add(p.partitionIndex());
                }
                topics.add(new OffsetDeleteRequest.Topic(t.name(), partitions));
            }
            return new OffsetDeleteRequest(k.groupId(), topics);
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<OffsetDeleteResponse, OffsetDeleteResponseData> {
        @Override
        public OffsetDeleteResponse random(Random rnd, short v) {
            return new OffsetDeleteResponse(int16(rnd), int32(rnd), list(rnd, 4, r -> new OffsetDeleteResponse.Topic(
                    string(r), list(r, 4, p -> new OffsetDeleteResponse.Partition(int32(p), int16(p))))));
        }

        @Override
        public void write(OffsetDeleteResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public OffsetDeleteResponse read(WireReader r, short v) {
            return OffsetDeleteResponse.read(r, v);
        }

        @Override
        public OffsetDeleteResponseData kafkaRead(Readable readable, short v) {
            return new OffsetDeleteResponseData(readable, v);
        }

        @Override
        public OffsetDeleteResponseData toKafka(OffsetDeleteResponse m, short v) {
            OffsetDeleteResponseData.OffsetDeleteResponseTopicCollection topics =
                    new OffsetDeleteResponseData.OffsetDeleteResponseTopicCollection();
            for (OffsetDeleteResponse.Topic t : m.topics()) {
                OffsetDeleteResponseData.OffsetDeleteResponsePartitionCollection partitions =
                        new OffsetDeleteResponseData.OffsetDeleteResponsePartitionCollection();
                for (OffsetDeleteResponse.Partition p : t.partitions()) {
                    partitions.mustAdd(new OffsetDeleteResponseData.OffsetDeleteResponsePartition()
                            .setPartitionIndex(p.partitionIndex()).setErrorCode(p.errorCode()));
                }
                topics.mustAdd(new OffsetDeleteResponseData.OffsetDeleteResponseTopic().setName(t.name())
                        .setPartitions(partitions));
            }
            return new OffsetDeleteResponseData().setErrorCode(m.errorCode()).setThrottleTimeMs(m.throttleTimeMs())
                    .setTopics(topics);
        }

        @Override
        public OffsetDeleteResponse fromKafka(OffsetDeleteResponseData k, short v) {
            List<OffsetDeleteResponse.Topic> topics = new ArrayList<>();
            for (OffsetDeleteResponseData.OffsetDeleteResponseTopic t : k.topics()) {
                List<OffsetDeleteResponse.Partition> partitions = new ArrayList<>();
                for (OffsetDeleteResponseData.OffsetDeleteResponsePartition p : t.partitions()) {
                    partitions.add(new OffsetDeleteResponse.Partition(p.partitionIndex(), p.errorCode()));
                }
                topics.add(new OffsetDeleteResponse.Topic(t.name(), partitions));
            }
            return new OffsetDeleteResponse(k.errorCode(), k.throttleTimeMs(), topics);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 0, 0, 500);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 0, 0, 500);
    }
}

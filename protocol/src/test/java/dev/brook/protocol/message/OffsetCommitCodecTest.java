package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.int64;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.nullableString;
import static dev.brook.protocol.testing.RandomValues.string;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class OffsetCommitCodecTest {

    public static final class RequestCodec
            implements KafkaTwoWay.Codec<OffsetCommitRequest, OffsetCommitRequestData> {
        @Override
        public OffsetCommitRequest random(Random rnd, short v) {
            return new OffsetCommitRequest(string(rnd), int32(rnd), string(rnd), v >= 7 ? nullableString(rnd) : null,
                    v <= 4 ? int64(rnd) : -1L, list(rnd, 4, r -> new OffsetCommitRequest.Topic(string(r),
                            list(r, 4, p -> new OffsetCommitRequest.Partition(int32(p), int64(p),
                                    v >= 6 ? int32(p) : -1, nullableString(p))))));
        }

        @Override
        public void write(OffsetCommitRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public OffsetCommitRequest read(WireReader r, short v) {
            return OffsetCommitRequest.read(r, v);
        }

        @Override
        public OffsetCommitRequestData kafkaRead(Readable readable, short v) {
            return new OffsetCommitRequestData(readable, v);
        }

        @Override
        public OffsetCommitRequestData toKafka(OffsetCommitRequest m, short v) {
            List<OffsetCommitRequestData.OffsetCommitRequestTopic> topics = new ArrayList<>();
            for (OffsetCommitRequest.Topic t : m.topics()) {
                List<OffsetCommitRequestData.OffsetCommitRequestPartition> partitions = new ArrayList<>();
                for (OffsetCommitRequest.Partition p : t.partitions()) {
                    OffsetCommitRequestData.OffsetCommitRequestPartition kp =
                            new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                    .setPartitionIndex(p.partitionIndex()).setCommittedOffset(p.committedOffset())
                                    .setCommittedMetadata(p.committedMetadata());
                    if (v >= 6) {
                        kp.setCommittedLeaderEpoch(p.committedLeaderEpoch());
                    }
                    partitions.add(kp);
                }
                topics.add(new OffsetCommitRequestData.OffsetCommitRequestTopic().setName(t.name())
                        .setPartitions(partitions));
            }
            OffsetCommitRequestData k = new OffsetCommitRequestData().setGroupId(m.groupId())
                    .setGenerationIdOrMemberEpoch(m.generationId()).setMemberId(m.memberId()).setTopics(topics);
            if (v >= 7) {
                k.setGroupInstanceId(m.groupInstanceId());
            }
            if (v <= 4) {
                k.setRetentionTimeMs(m.retentionTimeMs());
            }
            return k;
        }

        @Override
        public OffsetCommitRequest fromKafka(OffsetCommitRequestData k, short v) {
            List<OffsetCommitRequest.Topic> topics = new ArrayList<>();
            for (OffsetCommitRequestData.OffsetCommitRequestTopic t : k.topics()) {
                List<OffsetCommitRequest.Partition> partitions = new ArrayList<>();
                for (OffsetCommitRequestData.OffsetCommitRequestPartition p : t.partitions()) {
                    partitions.add(new OffsetCommitRequest.Partition(p.partitionIndex(), p.committedOffset(),
                            v >= 6 ? p.committedLeaderEpoch() : -1, p.committedMetadata()));
                }
                topics.add(new OffsetCommitRequest.Topic(t.name(), partitions));
            }
            return new OffsetCommitRequest(k.groupId(), k.generationIdOrMemberEpoch(), k.memberId(),
                    v >= 7 ? k.groupInstanceId() : null, v <= 4 ? k.retentionTimeMs() : -1L, topics);
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<OffsetCommitResponse, OffsetCommitResponseData> {
        @Override
        public OffsetCommitResponse random(Random rnd, short v) {
            return new OffsetCommitResponse(v >= 3 ? int32(rnd) : 0, list(rnd, 4, r -> new OffsetCommitResponse.Topic(
                    string(r), list(r, 4, p -> new OffsetCommitResponse.Partition(int32(p), int16(p))))));
        }

        @Override
        public void write(OffsetCommitResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public OffsetCommitResponse read(WireReader r, short v) {
            return OffsetCommitResponse.read(r, v);
        }

        @Override
        public OffsetCommitResponseData kafkaRead(Readable readable, short v) {
            return new OffsetCommitResponseData(readable, v);
        }

        @Override
        public OffsetCommitResponseData toKafka(OffsetCommitResponse m, short v) {
            List<OffsetCommitResponseData.OffsetCommitResponseTopic> topics = new ArrayList<>();
            for (OffsetCommitResponse.Topic t : m.topics()) {
                List<OffsetCommitResponseData.OffsetCommitResponsePartition> partitions = new ArrayList<>();
                for (OffsetCommitResponse.Partition p : t.partitions()) {
                    partitions.add(new OffsetCommitResponseData.OffsetCommitResponsePartition()
                            .setPartitionIndex(p.partitionIndex()).setErrorCode(p.errorCode()));
                }
                topics.add(new OffsetCommitResponseData.OffsetCommitResponseTopic().setName(t.name())
                        .setPartitions(partitions));
            }
            OffsetCommitResponseData k = new OffsetCommitResponseData().setTopics(topics);
            if (v >= 3) {
                k.setThrottleTimeMs(m.throttleTimeMs());
            }
            return k;
        }

        @Override
        public OffsetCommitResponse fromKafka(OffsetCommitResponseData k, short v) {
            List<OffsetCommitResponse.Topic> topics = new ArrayList<>();
            for (OffsetCommitResponseData.OffsetCommitResponseTopic t : k.topics()) {
                List<OffsetCommitResponse.Partition> partitions = new ArrayList<>();
                for (OffsetCommitResponseData.OffsetCommitResponsePartition p : t.partitions()) {
                    partitions.add(new OffsetCommitResponse.Partition(p.partitionIndex(), p.errorCode()));
                }
                topics.add(new OffsetCommitResponse.Topic(t.name(), partitions));
            }
            return new OffsetCommitResponse(v >= 3 ? k.throttleTimeMs() : 0, topics);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 2, 7, 200);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 2, 7, 200);
    }
}

package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.int64;
import static dev.brook.protocol.testing.RandomValues.int8;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.string;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class ListOffsetsCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<ListOffsetsRequest, ListOffsetsRequestData> {
        @Override
        public ListOffsetsRequest random(Random rnd, short v) {
            return new ListOffsetsRequest(int32(rnd), v >= 2 ? int8(rnd) : 0, list(rnd, 4,
                    r -> new ListOffsetsRequest.Topic(string(r), list(r, 4, p -> new ListOffsetsRequest.Partition(
                            int32(p), v >= 4 ? int32(p) : -1, int64(p))))));
        }

        @Override
        public void write(ListOffsetsRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public ListOffsetsRequest read(WireReader r, short v) {
            return ListOffsetsRequest.read(r, v);
        }

        @Override
        public ListOffsetsRequestData kafkaRead(Readable readable, short v) {
            return new ListOffsetsRequestData(readable, v);
        }

        @Override
        public ListOffsetsRequestData toKafka(ListOffsetsRequest m, short v) {
            List<ListOffsetsRequestData.ListOffsetsTopic> topics = new ArrayList<>();
            for (ListOffsetsRequest.Topic t : m.topics()) {
                List<ListOffsetsRequestData.ListOffsetsPartition> partitions = new ArrayList<>();
                for (ListOffsetsRequest.Partition p : t.partitions()) {
                    partitions.add(new ListOffsetsRequestData.ListOffsetsPartition()
                            .setPartitionIndex(p.partitionIndex()).setCurrentLeaderEpoch(p.currentLeaderEpoch())
                            .setTimestamp(p.timestamp()));
                }
                topics.add(new ListOffsetsRequestData.ListOffsetsTopic().setName(t.name()).setPartitions(partitions));
            }
            return new ListOffsetsRequestData().setReplicaId(m.replicaId()).setIsolationLevel(m.isolationLevel())
                    .setTopics(topics);
        }

        @Override
        public ListOffsetsRequest fromKafka(ListOffsetsRequestData k, short v) {
            List<ListOffsetsRequest.Topic> topics = new ArrayList<>();
            for (ListOffsetsRequestData.ListOffsetsTopic t : k.topics()) {
                List<ListOffsetsRequest.Partition> partitions = new ArrayList<>();
                for (ListOffsetsRequestData.ListOffsetsPartition p : t.partitions()) {
                    partitions.add(new ListOffsetsRequest.Partition(p.partitionIndex(), p.currentLeaderEpoch(),
                            p.timestamp()));
                }
                topics.add(new ListOffsetsRequest.Topic(t.name(), partitions));
            }
            return new ListOffsetsRequest(k.replicaId(), k.isolationLevel(), topics);
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<ListOffsetsResponse, ListOffsetsResponseData> {
        @Override
        public ListOffsetsResponse random(Random rnd, short v) {
            return new ListOffsetsResponse(v >= 2 ? int32(rnd) : 0, list(rnd, 4,
                    r -> new ListOffsetsResponse.Topic(string(r), list(r, 4, p -> new ListOffsetsResponse.Partition(
                            int32(p), int16(p), int64(p), int64(p), v >= 4 ? int32(p) : -1)))));
        }

        @Override
        public void write(ListOffsetsResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public ListOffsetsResponse read(WireReader r, short v) {
            return ListOffsetsResponse.read(r, v);
        }

        @Override
        public ListOffsetsResponseData kafkaRead(Readable readable, short v) {
            return new ListOffsetsResponseData(readable, v);
        }

        @Override
        public ListOffsetsResponseData toKafka(ListOffsetsResponse m, short v) {
            List<ListOffsetsResponseData.ListOffsetsTopicResponse> topics = new ArrayList<>();
            for (ListOffsetsResponse.Topic t : m.topics()) {
                List<ListOffsetsResponseData.ListOffsetsPartitionResponse> partitions = new ArrayList<>();
                for (ListOffsetsResponse.Partition p : t.partitions()) {
                    partitions.add(new ListOffsetsResponseData.ListOffsetsPartitionResponse()
                            .setPartitionIndex(p.partitionIndex()).setErrorCode(p.errorCode())
                            .setTimestamp(p.timestamp()).setOffset(p.offset()).setLeaderEpoch(p.leaderEpoch()));
                }
                topics.add(new ListOffsetsResponseData.ListOffsetsTopicResponse().setName(t.name())
                        .setPartitions(partitions));
            }
            return new ListOffsetsResponseData().setThrottleTimeMs(m.throttleTimeMs()).setTopics(topics);
        }

        @Override
        public ListOffsetsResponse fromKafka(ListOffsetsResponseData k, short v) {
            List<ListOffsetsResponse.Topic> topics = new ArrayList<>();
            for (ListOffsetsResponseData.ListOffsetsTopicResponse t : k.topics()) {
                List<ListOffsetsResponse.Partition> partitions = new ArrayList<>();
                for (ListOffsetsResponseData.ListOffsetsPartitionResponse p : t.partitions()) {
                    partitions.add(new ListOffsetsResponse.Partition(p.partitionIndex(), p.errorCode(),
                            p.timestamp(), p.offset(), p.leaderEpoch()));
                }
                topics.add(new ListOffsetsResponse.Topic(t.name(), partitions));
            }
            return new ListOffsetsResponse(k.throttleTimeMs(), topics);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 1, 5, 150);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 1, 5, 150);
    }
}

package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.int64;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.string;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class DeleteRecordsCodecTest {

    public static final class RequestCodec
            implements KafkaTwoWay.Codec<DeleteRecordsRequest, DeleteRecordsRequestData> {
        @Override
        public DeleteRecordsRequest random(Random rnd, short v) {
            return new DeleteRecordsRequest(list(rnd, 4, r -> new DeleteRecordsRequest.Topic(string(r),
                    list(r, 4, p -> new DeleteRecordsRequest.Partition(int32(p), int64(p))))), int32(rnd));
        }

        @Override
        public void write(DeleteRecordsRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public DeleteRecordsRequest read(WireReader r, short v) {
            return DeleteRecordsRequest.read(r, v);
        }

        @Override
        public DeleteRecordsRequestData kafkaRead(Readable readable, short v) {
            return new DeleteRecordsRequestData(readable, v);
        }

        @Override
        public DeleteRecordsRequestData toKafka(DeleteRecordsRequest m, short v) {
            List<DeleteRecordsRequestData.DeleteRecordsTopic> topics = new ArrayList<>();
            for (DeleteRecordsRequest.Topic t : m.topics()) {
                List<DeleteRecordsRequestData.DeleteRecordsPartition> partitions = new ArrayList<>();
                for (DeleteRecordsRequest.Partition p : t.partitions()) {
                    partitions.add(new DeleteRecordsRequestData.DeleteRecordsPartition()
                            .setPartitionIndex(p.partitionIndex()).setOffset(p.offset()));
                }
                topics.add(new DeleteRecordsRequestData.DeleteRecordsTopic().setName(t.name())
                        .setPartitions(partitions));
            }
            return new DeleteRecordsRequestData().setTopics(topics).setTimeoutMs(m.timeoutMs());
        }

        @Override
        public DeleteRecordsRequest fromKafka(DeleteRecordsRequestData k, short v) {
            List<DeleteRecordsRequest.Topic> topics = new ArrayList<>();
            for (DeleteRecordsRequestData.DeleteRecordsTopic t : k.topics()) {
                List<DeleteRecordsRequest.Partition> partitions = new ArrayList<>();
                for (DeleteRecordsRequestData.DeleteRecordsPartition p : t.partitions()) {
                    partitions.add(new DeleteRecordsRequest.Partition(p.partitionIndex(), p.offset()));
                }
                topics.add(new DeleteRecordsRequest.Topic(t.name(), partitions));
            }
            return new DeleteRecordsRequest(topics, k.timeoutMs());
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<DeleteRecordsResponse, DeleteRecordsResponseData> {
        @Override
        public DeleteRecordsResponse random(Random rnd, short v) {
            return new DeleteRecordsResponse(int32(rnd), list(rnd, 4, r -> new DeleteRecordsResponse.TopicResult(
                    string(r), list(r, 4, p -> new DeleteRecordsResponse.PartitionResult(int32(p), int64(p),
                            int16(p))))));
        }

        @Override
        public void write(DeleteRecordsResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public DeleteRecordsResponse read(WireReader r, short v) {
            return DeleteRecordsResponse.read(r, v);
        }

        @Override
        public DeleteRecordsResponseData kafkaRead(Readable readable, short v) {
            return new DeleteRecordsResponseData(readable, v);
        }

        @Override
        public DeleteRecordsResponseData toKafka(DeleteRecordsResponse m, short v) {
            DeleteRecordsResponseData.DeleteRecordsTopicResultCollection topics =
                    new DeleteRecordsResponseData.DeleteRecordsTopicResultCollection();
            for (DeleteRecordsResponse.TopicResult t : m.topics()) {
                DeleteRecordsResponseData.DeleteRecordsPartitionResultCollection partitions =
                        new DeleteRecordsResponseData.DeleteRecordsPartitionResultCollection();
                for (DeleteRecordsResponse.PartitionResult p : t.partitions()) {
                    partitions.mustAdd(new DeleteRecordsResponseData.DeleteRecordsPartitionResult()
                            .setPartitionIndex(p.partitionIndex()).setLowWatermark(p.lowWatermark())
                            .setErrorCode(p.errorCode()));
                }
                topics.mustAdd(new DeleteRecordsResponseData.DeleteRecordsTopicResult().setName(t.name())
                        .setPartitions(partitions));
            }
            return new DeleteRecordsResponseData().setThrottleTimeMs(m.throttleTimeMs()).setTopics(topics);
        }

        @Override
        public DeleteRecordsResponse fromKafka(DeleteRecordsResponseData k, short v) {
            List<DeleteRecordsResponse.TopicResult> topics = new ArrayList<>();
            for (DeleteRecordsResponseData.DeleteRecordsTopicResult t : k.topics()) {
                List<DeleteRecordsResponse.PartitionResult> partitions = new ArrayList<>();
                for (DeleteRecordsResponseData.DeleteRecordsPartitionResult p : t.partitions()) {
                    partitions.add(new DeleteRecordsResponse.PartitionResult(p.partitionIndex(), p.lowWatermark(),
                            p.errorCode()));
                }
                topics.add(new DeleteRecordsResponse.TopicResult(t.name(), partitions));
            }
            return new DeleteRecordsResponse(k.throttleTimeMs(), topics);
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

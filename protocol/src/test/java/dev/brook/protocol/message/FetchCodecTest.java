package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.int64;
import static dev.brook.protocol.testing.RandomValues.int8;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.nullableRecords;
import static dev.brook.protocol.testing.RandomValues.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.protocol.RequestHeader;
import dev.brook.protocol.ResponseEncoder;
import dev.brook.protocol.testing.KafkaRecords;
import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.wire.EncodedMessage;
import dev.brook.protocol.wire.RecordsPayload;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class FetchCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<FetchRequest, FetchRequestData> {
        @Override
        public FetchRequest random(Random rnd, short v) {
            List<FetchRequest.Topic> topics = list(rnd, 4, r -> new FetchRequest.Topic(string(r),
                    list(r, 4, p -> new FetchRequest.Partition(int32(p), v >= 9 ? int32(p) : -1, int64(p),
                            v >= 5 ? int64(p) : -1L, int32(p)))));
            List<FetchRequest.ForgottenTopic> forgotten = v >= 7
                    ? list(rnd, 3, r -> new FetchRequest.ForgottenTopic(string(r), list(r, 4, x -> int32(x))))
                    : List.of();
            return new FetchRequest(int32(rnd), int32(rnd), int32(rnd), int32(rnd), int8(rnd),
                    v >= 7 ? int32(rnd) : 0, v >= 7 ? int32(rnd) : -1, topics, forgotten,
                    v >= 11 ? string(rnd) : "");
        }

        @Override
        public void write(FetchRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public FetchRequest read(WireReader r, short v) {
            return FetchRequest.read(r, v);
        }

        @Override
        public FetchRequestData kafkaRead(Readable readable, short v) {
            return new FetchRequestData(readable, v);
        }

        @Override
        public FetchRequestData toKafka(FetchRequest m, short v) {
            List<FetchRequestData.FetchTopic> topics = new ArrayList<>();
            for (FetchRequest.Topic t : m.topics()) {
                List<FetchRequestData.FetchPartition> partitions = new ArrayList<>();
                for (FetchRequest.Partition p : t.partitions()) {
                    partitions.add(new FetchRequestData.FetchPartition().setPartition(p.partition())
                            .setCurrentLeaderEpoch(p.currentLeaderEpoch()).setFetchOffset(p.fetchOffset())
                            .setLogStartOffset(p.logStartOffset()).setPartitionMaxBytes(p.partitionMaxBytes()));
                }
                topics.add(new FetchRequestData.FetchTopic().setTopic(t.topic()).setPartitions(partitions));
            }
            List<FetchRequestData.ForgottenTopic> forgotten = new ArrayList<>();
            for (FetchRequest.ForgottenTopic f : m.forgottenTopics()) {
                forgotten.add(new FetchRequestData.ForgottenTopic().setTopic(f.topic())
                        .setPartitions(new ArrayList<>(f.partitions())));
            }
            return new FetchRequestData().setReplicaId(m.replicaId()).setMaxWaitMs(m.maxWaitMs())
                    .setMinBytes(m.minBytes()).setMaxBytes(m.maxBytes()).setIsolationLevel(m.isolationLevel())
                    .setSessionId(m.sessionId()).setSessionEpoch(m.sessionEpoch()).setTopics(topics)
                    .setForgottenTopicsData(forgotten).setRackId(m.rackId());
        }

        @Override
        public FetchRequest fromKafka(FetchRequestData k, short v) {
            List<FetchRequest.Topic> topics = new ArrayList<>();
            for (FetchRequestData.FetchTopic t : k.topics()) {
                List<FetchRequest.Partition> partitions = new ArrayList<>();
                for (FetchRequestData.FetchPartition p : t.partitions()) {
                    partitions.add(new FetchRequest.Partition(p.partition(), p.currentLeaderEpoch(),
                            p.fetchOffset(), p.logStartOffset(), p.partitionMaxBytes()));
                }
                topics.add(new FetchRequest.Topic(t.topic(), partitions));
            }
            List<FetchRequest.ForgottenTopic> forgotten = new ArrayList<>();
            for (FetchRequestData.ForgottenTopic f : k.forgottenTopicsData()) {
                forgotten.add(new FetchRequest.ForgottenTopic(f.topic(), f.partitions()));
            }
            return new FetchRequest(k.replicaId(), k.maxWaitMs(), k.minBytes(), k.maxBytes(), k.isolationLevel(),
                    k.sessionId(), k.sessionEpoch(), topics, forgotten, k.rackId());
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<FetchResponse, FetchResponseData> {
        @Override
        public FetchResponse random(Random rnd, short v) {
            List<FetchResponse.TopicResponse> topics = list(rnd, 4, r -> new FetchResponse.TopicResponse(string(r),
                    list(r, 4, p -> new FetchResponse.PartitionData(int32(p), int16(p), int64(p), int64(p),
                            v >= 5 ? int64(p) : -1L,
                            p.nextInt(3) == 0 ? null
                                    : list(p, 3, a -> new FetchResponse.AbortedTransaction(int64(a), int64(a))),
                            v >= 11 ? int32(p) : -1, nullableRecords(p)))));
            return new FetchResponse(int32(rnd), v >= 7 ? int16(rnd) : 0, v >= 7 ? int32(rnd) : 0, topics);
        }

        @Override
        public void write(FetchResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public FetchResponse read(WireReader r, short v) {
            return FetchResponse.read(r, v);
        }

        @Override
        public FetchResponseData kafkaRead(Readable readable, short v) {
            return new FetchResponseData(readable, v);
        }

        @Override
        public FetchResponseData toKafka(FetchResponse m, short v) {
            List<FetchResponseData.FetchableTopicResponse> topics = new ArrayList<>();
            for (FetchResponse.TopicResponse t : m.responses()) {
                List<FetchResponseData.PartitionData> partitions = new ArrayList<>();
                for (FetchResponse.PartitionData p : t.partitions()) {
                    List<FetchResponseData.AbortedTransaction> aborted = null;
                    if (p.abortedTransactions() != null) {
                        aborted = new ArrayList<>();
                        for (FetchResponse.AbortedTransaction a : p.abortedTransactions()) {
                            aborted.add(new FetchResponseData.AbortedTransaction().setProducerId(a.producerId())
                                    .setFirstOffset(a.firstOffset()));
                        }
                    }
                    partitions.add(new FetchResponseData.PartitionData().setPartitionIndex(p.partitionIndex())
                            .setErrorCode(p.errorCode()).setHighWatermark(p.highWatermark())
                            .setLastStableOffset(p.lastStableOffset()).setLogStartOffset(p.logStartOffset())
                            .setAbortedTransactions(aborted).setPreferredReadReplica(p.preferredReadReplica())
                            .setRecords(KafkaRecords.toKafka(p.records())));
                }
                topics.add(new FetchResponseData.FetchableTopicResponse().setTopic(t.topic())
                        .setPartitions(partitions));
            }
            return new FetchResponseData().setThrottleTimeMs(m.throttleTimeMs()).setErrorCode(m.errorCode())
                    .setSessionId(m.sessionId()).setResponses(topics);
        }

        @Override
        public FetchResponse fromKafka(FetchResponseData k, short v) {
            List<FetchResponse.TopicResponse> topics = new ArrayList<>();
            for (FetchResponseData.FetchableTopicResponse t : k.responses()) {
                List<FetchResponse.PartitionData> partitions = new ArrayList<>();
                for (FetchResponseData.PartitionData p : t.partitions()) {
                    List<FetchResponse.AbortedTransaction> aborted = p.abortedTransactions() == null ? null
                            : p.abortedTransactions().stream()
                                    .map(a -> new FetchResponse.AbortedTransaction(a.producerId(), a.firstOffset()))
                                    .toList();
                    partitions.add(new FetchResponse.PartitionData(p.partitionIndex(), p.errorCode(),
                            p.highWatermark(), p.lastStableOffset(), p.logStartOffset(), aborted,
                            p.preferredReadReplica(), KafkaRecords.fromKafka(p.records())));
                }
                topics.add(new FetchResponse.TopicResponse(t.topic(), partitions));
            }
            return new FetchResponse(k.throttleTimeMs(), k.errorCode(), k.sessionId(), topics);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 4, 11, 120);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 4, 11, 120);
    }

    /** A payload the protocol module cannot look inside, like the broker's file region. */
    private record OpaqueRegion(int sizeInBytes) implements RecordsPayload {
    }

    @Test
    void responseRecordsPassThroughAsTheirOwnChunks() {
        OpaqueRegion a = new OpaqueRegion(1000);
        OpaqueRegion b = new OpaqueRegion(2000);
        FetchResponse response = new FetchResponse(0, (short) 0, 0, List.of(new FetchResponse.TopicResponse("t",
                List.of(new FetchResponse.PartitionData(0, (short) 0, 10, 10, 0, null, -1, a),
                        new FetchResponse.PartitionData(1, (short) 0, 10, 10, 0, List.of(), -1, b)))));
        EncodedMessage m = ResponseEncoder.encode(new RequestHeader((short) 1, (short) 11, 3, "c"), response);
        List<RecordsPayload> payloads = m.chunks().stream().filter(c -> c instanceof EncodedMessage.Records)
                .map(c -> ((EncodedMessage.Records) c).payload()).toList();
        assertThat(payloads).containsExactly(a, b);
        EncodedMessage.Bytes sizePrefix = (EncodedMessage.Bytes) m.chunks().get(0);
        assertThat(sizePrefix.buffer().getInt(0)).isEqualTo(m.sizeInBytes() - 4);
    }
}

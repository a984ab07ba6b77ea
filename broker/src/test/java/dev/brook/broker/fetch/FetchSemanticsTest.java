package dev.brook.broker.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.Broker;
import dev.brook.broker.NettyLeaks;
import dev.brook.broker.RawKafkaClient;
import dev.brook.broker.TestBrokers;
import dev.brook.log.record.Compression;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.protocol.ApiKey;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.DeleteRecordsRequest;
import dev.brook.protocol.message.FetchRequest;
import dev.brook.protocol.message.FetchResponse;
import dev.brook.protocol.wire.ByteBufferRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetch over the wire: the high watermark bound, long poll, offset range errors, and multi-segment reads. */
class FetchSemanticsTest {
    @TempDir
    Path dir;

    private static ByteBuffer batch(String prefix, int records, int valueSize) {
        RecordBatchBuilder b = new RecordBatchBuilder(Compression.NONE);
        for (int i = 0; i < records; i++) {
            String v = prefix + "-" + i + "-";
            b.append(System.currentTimeMillis(), null, (v + "y".repeat(Math.max(0, valueSize - v.length())))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    @Test
    void fetchesNeverReturnRecordsAtOrPastTheHighWatermarkTheyReport() throws Exception {
        try (Broker broker = TestBrokers.start(dir)) {
            broker.partitions().createTopic("hw", 1, 1, Map.of());
            AtomicBoolean stop = new AtomicBoolean();
            Thread producer = new Thread(() -> {
                try (RawKafkaClient c = RawKafkaClient.connect(broker)) {
                    for (int i = 0; i < 300 && !stop.get(); i++) {
                        assertThat(c.produce("hw", 0, batch("p" + i, 1 + i % 4, 20)).errorCode()).isZero();
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            producer.start();
            try (RawKafkaClient c = RawKafkaClient.connect(broker)) {
                long checkedUpTo = 0;
                int fetches = 0;
                while (producer.isAlive() || checkedUpTo < broker.partitions()
                        .partition(new TopicPartition("hw", 0)).highWatermark()) {
                    FetchResponse.PartitionData d = c.fetch("hw", 0, checkedUpTo, 0, 1, 1 << 20);
                    assertThat(d.errorCode()).isZero();
                    long hw = d.highWatermark();
                    List<RawKafkaClient.Fetched> records = RawKafkaClient.records(d);
                    assertThat(records).allSatisfy(r -> assertThat(r.offset()).isLessThan(hw));
                    if (!records.isEmpty()) {
                        checkedUpTo = records.get(records.size() - 1).offset() + 1;
                    }
                    fetches++;
                }
                assertThat(fetches).isPositive();
            } finally {
                stop.set(true);
                producer.join();
            }
        }
    }

    @Test
    void aLongPollIsAnsweredWithTheDataThatArrivesWhileItWaits() throws Exception {
        try (Broker broker = TestBrokers.start(dir);
             RawKafkaClient consumer = RawKafkaClient.connect(broker);
             RawKafkaClient producer = RawKafkaClient.connect(broker)) {
            broker.partitions().createTopic("poll", 1, 1, Map.of());
            short v = 11;
            FetchRequest req = RawKafkaClient.fetchRequest("poll", 0, 0, 60_000, 1, 1 << 20);
            consumer.send(ApiKey.FETCH, v, 9, w -> req.write(w, v));
            assertThat(producer.produce("poll", 0, batch("late", 2, 10)).errorCode()).isZero();
            // Nothing was there when the fetch arrived; it can only carry these records if it waited for them.
            RawKafkaClient.Response<FetchResponse> r = consumer.receive(ApiKey.FETCH, v, FetchResponse::read);
            assertThat(r.correlationId()).isEqualTo(9);
            FetchResponse.PartitionData d = r.body().responses().get(0).partitions().get(0);
            assertThat(RawKafkaClient.records(d)).extracting(RawKafkaClient.Fetched::value)
                    .containsExactly("late-0-yyy", "late-1-yyy");
        }
    }

    @Test
    void aFetchWithNothingToReturnIsAnsweredEmptyWhenItsWaitEnds() throws Exception {
        try (Broker broker = TestBrokers.start(dir); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            broker.partitions().createTopic("idle", 1, 1, Map.of());
            FetchResponse.PartitionData d = c.fetch("idle", 0, 0, 50, 1, 1 << 20);
            assertThat(d.errorCode()).isZero();
            assertThat(d.highWatermark()).isZero();
            assertThat(d.records().sizeInBytes()).isZero();
        }
    }

    @Test
    void offsetsPastTheEndOrBelowTheStartAreOutOfRange() throws Exception {
        try (Broker broker = TestBrokers.start(dir); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            broker.partitions().createTopic("range", 1, 1, Map.of());
            for (int i = 0; i < 5; i++) {
                assertThat(c.produce("range", 0, batch("r" + i, 2, 10)).errorCode()).isZero();
            }
            assertThat(c.fetch("range", 0, 11, 0, 1, 1 << 20).errorCode())
                    .isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE.code());
            assertThat(c.fetch("range", 0, 10, 0, 1, 1 << 20).errorCode()).as("the log end is in range").isZero();
            short v = 1;
            DeleteRecordsRequest del = new DeleteRecordsRequest(List.of(new DeleteRecordsRequest.Topic("range",
                    List.of(new DeleteRecordsRequest.Partition(0, 4)))), 5_000);
            c.call(ApiKey.DELETE_RECORDS, v, w -> del.write(w, v), dev.brook.protocol.message.DeleteRecordsResponse::read);
            assertThat(broker.partitions().partition(new TopicPartition("range", 0)).logStartOffset()).isEqualTo(4);
            assertThat(c.fetch("range", 0, 3, 0, 1, 1 << 20).errorCode())
                    .isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE.code());
            FetchResponse.PartitionData fromStart = c.fetch("range", 0, 4, 0, 1, 1 << 20);
            assertThat(fromStart.errorCode()).isZero();
            assertThat(RawKafkaClient.records(fromStart)).extracting(RawKafkaClient.Fetched::offset)
                    .contains(4L, 9L);
        }
    }

    @Test
    void fetchesAcrossTwoSegmentsReadBackByteExact() throws Exception {
        try (Broker broker = TestBrokers.start(dir); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            // The smallest segment.bytes (1 MiB); 14 batches of ~90 KB need two segments per partition.
            broker.partitions().createTopic("segments", 2, 1, Map.of("segment.bytes", Integer.toString(1 << 20)));
            List<List<byte[]>> sent = List.of(new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < 14; i++) {
                for (int p = 0; p < 2; p++) {
                    ByteBuffer b = batch("p" + p + "s" + i, 3, 30_000);
                    byte[] bytes = new byte[b.remaining()];
                    b.duplicate().get(bytes);
                    sent.get(p).add(bytes);
                    assertThat(c.produce("segments", p, b).baseOffset()).isEqualTo(3L * i);
                }
            }
            for (int p = 0; p < 2; p++) {
                try (Stream<Path> files = Files.list(broker.partitions()
                        .partition(new TopicPartition("segments", p)).dir())) {
                    assertThat(files.filter(f -> f.toString().endsWith(".log")).count()).isEqualTo(2);
                }
            }

            // Consecutive fetches of one partition: each is one segment's file region; together, every batch.
            int batches = 0;
            while (batches < 14) {
                FetchResponse.PartitionData d = c.fetch("segments", 0, 3L * batches, 0, 1, 4 << 20);
                int read = assertSameBatches(((ByteBufferRecords) d.records()).buffer(), sent.get(0), batches);
                assertThat(read).isPositive();
                batches += read;
            }

            // One response with two file regions from different segment files: p0's second segment, p1's first.
            short v = 11;
            FetchRequest both = new FetchRequest(-1, 0, 1, 8 << 20, (byte) 0, 0, -1, List.of(
                    new FetchRequest.Topic("segments", List.of(
                            new FetchRequest.Partition(0, -1, 3L * 13, -1, 4 << 20),
                            new FetchRequest.Partition(1, -1, 0, -1, 4 << 20)))), List.of(), "");
            FetchResponse r = c.call(ApiKey.FETCH, v, w -> both.write(w, v), FetchResponse::read);
            List<FetchResponse.PartitionData> parts = r.responses().get(0).partitions();
            int p0 = assertSameBatches(((ByteBufferRecords) parts.get(0).records()).buffer(), sent.get(0), 13);
            int p1 = assertSameBatches(((ByteBufferRecords) parts.get(1).records()).buffer(), sent.get(1), 0);
            assertThat(p0).isEqualTo(1);
            assertThat(p1).isBetween(1, 13);
        }
    }

    /**
     * Checks that {@code fetched} holds whole batches equal to {@code sent} from index {@code first} on, except for
     * the fields the broker stamps (base offset, bytes 0-7; partition leader epoch, bytes 12-15).
     *
     * @return the number of batches in {@code fetched}
     */
    private static int assertSameBatches(ByteBuffer fetched, List<byte[]> sent, int first) {
        int pos = fetched.position();
        int i = first;
        while (pos < fetched.limit()) {
            ByteBuffer want = ByteBuffer.wrap(sent.get(i));
            int size = want.remaining();
            assertThat(fetched.limit() - pos).as("batch %d complete", i).isGreaterThanOrEqualTo(size);
            assertThat(fetched.getLong(pos)).as("base offset of batch %d", i).isEqualTo(3L * i);
            assertThat(fetched.slice(pos + 8, 4)).isEqualTo(want.slice(8, 4));
            assertThat(fetched.slice(pos + 16, size - 16)).as("batch %d", i).isEqualTo(want.slice(16, size - 16));
            pos += size;
            i++;
        }
        return i - first;
    }

    @Test
    void aParkedFetchOfAClosedConnectionDoesNotLeakItsRequestWhenTheBrokerStops() throws Exception {
        NettyLeaks.install();
        List<String> before = NettyLeaks.leaks();
        try (Broker broker = TestBrokers.start(dir)) {
            broker.partitions().createTopic("parked", 1, 1, Map.of());
            try (RawKafkaClient c = RawKafkaClient.connect(broker)) {
                short v = 11;
                FetchRequest req = RawKafkaClient.fetchRequest("parked", 0, 0, 600_000, 1, 1 << 20);
                c.send(ApiKey.FETCH, v, 1, w -> req.write(w, v));
            }
        }
        assertThat(NettyLeaks.leaks()).isEqualTo(before);
    }
}

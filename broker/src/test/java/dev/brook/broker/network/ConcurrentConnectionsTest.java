package dev.brook.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.Broker;
import dev.brook.broker.LogCapture;
import dev.brook.broker.NettyLeaks;
import dev.brook.broker.RawKafkaClient;
import dev.brook.broker.TestBrokers;
import dev.brook.log.record.Compression;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.protocol.message.FetchResponse;
import dev.brook.protocol.message.ProduceResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many clients at once, each producing and reading back its own batches over its own connection. */
class ConcurrentConnectionsTest {
    private static final int CONNECTIONS = 50;
    private static final int BATCHES = 5;
    private static final int PARTITIONS = 4;

    @TempDir
    Path dir;

    @Test
    void fiftyConnectionsProduceAndFetchTheirOwnData() throws Exception {
        NettyLeaks.install();
        try (LogCapture logs = new LogCapture(); Broker broker = TestBrokers.start(dir)) {
            broker.partitions().createTopic("busy", PARTITIONS, 1, Map.of());
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int c = 0; c < CONNECTIONS; c++) {
                    int client = c;
                    results.add(pool.submit((Callable<Integer>) () -> produceAndFetch(broker, client)));
                }
                int checked = 0;
                for (Future<Integer> f : results) {
                    checked += f.get();
                }
                assertThat(checked).isEqualTo(CONNECTIONS * BATCHES * 3);
            } finally {
                pool.shutdownNow();
            }
            long total = 0;
            for (int p = 0; p < PARTITIONS; p++) {
                total += broker.partitions().partition(new dev.brook.partition.topic.TopicPartition("busy", p))
                        .highWatermark();
            }
            assertThat(total).isEqualTo((long) CONNECTIONS * BATCHES * 3);
            assertThat(logs.errorLines()).isEmpty();
        }
        assertThat(NettyLeaks.leaks()).isEmpty();
    }

    private static int produceAndFetch(Broker broker, int client) throws Exception {
        int partition = client % PARTITIONS;
        int checked = 0;
        try (RawKafkaClient c = RawKafkaClient.connect(broker)) {
            for (int b = 0; b < BATCHES; b++) {
                RecordBatchBuilder builder = new RecordBatchBuilder(Compression.NONE);
                for (int r = 0; r < 3; r++) {
                    builder.append(System.currentTimeMillis(), bytes("c" + client), bytes("c" + client + "-b" + b + "-r" + r));
                }
                ByteBuffer batch = builder.build();
                ProduceResponse.PartitionResponse pr = c.produce("busy", partition, batch);
                assertThat(pr.errorCode()).as("client %d batch %d", client, b).isZero();
                FetchResponse.PartitionData data = c.fetch("busy", partition, pr.baseOffset(), 100, 1, 1 << 20);
                assertThat(data.errorCode()).isZero();
                List<RawKafkaClient.Fetched> mine = RawKafkaClient.records(data).stream()
                        .filter(f -> f.offset() >= pr.baseOffset() && f.offset() < pr.baseOffset() + 3).toList();
                assertThat(mine).as("client %d batch %d", client, b).extracting(RawKafkaClient.Fetched::value)
                        .containsExactly("c" + client + "-b" + b + "-r0", "c" + client + "-b" + b + "-r1",
                                "c" + client + "-b" + b + "-r2");
                checked += mine.size();
            }
        }
        return checked;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

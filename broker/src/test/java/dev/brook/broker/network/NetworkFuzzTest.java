package dev.brook.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.Broker;
import dev.brook.broker.LogCapture;
import dev.brook.broker.NettyLeaks;
import dev.brook.broker.RawKafkaClient;
import dev.brook.broker.TestBrokers;
import dev.brook.log.record.Compression;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.protocol.ApiKey;
import dev.brook.protocol.message.ApiVersionsRequest;
import dev.brook.protocol.message.ApiVersionsResponse;
import dev.brook.protocol.message.DeleteGroupsRequest;
import dev.brook.protocol.message.DescribeGroupsRequest;
import dev.brook.protocol.message.FetchRequest;
import dev.brook.protocol.message.FindCoordinatorRequest;
import dev.brook.protocol.message.HeartbeatRequest;
import dev.brook.protocol.message.InitProducerIdRequest;
import dev.brook.protocol.message.JoinGroupRequest;
import dev.brook.protocol.message.LeaveGroupRequest;
import dev.brook.protocol.message.ListGroupsRequest;
import dev.brook.protocol.message.ListOffsetsRequest;
import dev.brook.protocol.message.MetadataRequest;
import dev.brook.protocol.message.MetadataResponse;
import dev.brook.protocol.message.OffsetCommitRequest;
import dev.brook.protocol.message.OffsetDeleteRequest;
import dev.brook.protocol.message.OffsetFetchRequest;
import dev.brook.protocol.message.ProduceRequest;
import dev.brook.protocol.message.SyncGroupRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated frames over many connections: whatever arrives, the broker answers or closes, never fails,
 * never leaks a buffer, and keeps serving well-formed clients afterwards.
 */
class NetworkFuzzTest {
    private static final int CONNECTIONS = 240;
    private static final int PARALLEL = 8;
    private static final int MAX_REQUEST_BYTES = 1 << 20;
    private static final String TOPIC = "fuzz";

    @TempDir
    Path dir;

    @Test
    void theBrokerSurvivesRandomAndMutatedFrames() throws Exception {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        NettyLeaks.install();
        try (LogCapture logs = new LogCapture();
             Broker broker = TestBrokers.start(dir, Map.of("socket.request.max.bytes",
                     Integer.toString(MAX_REQUEST_BYTES), "message.max.bytes", "100000",
                     "auto.create.topics.enable", "false"))) {
            broker.partitions().createTopic(TOPIC, 2, 1, Map.of());
            try (RawKafkaClient c = RawKafkaClient.connect(broker)) {
                assertThat(c.produce(TOPIC, 0, batch("seed-data")).errorCode()).isZero();
            }
            List<byte[]> templates = templates();
            ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < PARALLEL; t++) {
                    Random rnd = new Random(seed + t);
                    int port = broker.boundListeners().get(0).port();
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < CONNECTIONS / PARALLEL; i++) {
                            fuzzOneConnection(port, rnd, templates);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }

            try (RawKafkaClient c = RawKafkaClient.connect(broker)) {
                ApiVersionsResponse av = c.apiVersions((short) 3);
                assertThat(av.errorCode()).as("seed %d", seed).isZero();
                assertThat(av.apiKeys()).as("seed %d", seed).hasSize(dev.brook.broker.api.KafkaApis.served().size());
                MetadataResponse md = c.metadata(List.of(TOPIC));
                assertThat(md.topics()).as("seed %d", seed).singleElement().satisfies(t -> {
                    assertThat(t.errorCode()).isZero();
                    assertThat(t.partitions()).hasSize(2).allSatisfy(p -> assertThat(p.leaderId()).isEqualTo(1));
                });
                assertThat(md.brokers()).as("seed %d", seed).singleElement()
                        .satisfies(b -> assertThat(b.port()).isEqualTo(broker.boundListeners().get(0).port()));
                assertThat(c.produce(TOPIC, 1, batch("after-fuzz")).errorCode()).as("seed %d", seed).isZero();
            }
            assertThat(logs.errorLines()).as("broker errors, seed %d", seed).isEmpty();
        }
        assertThat(NettyLeaks.leaks()).as("Netty leaks, seed %d", seed).isEmpty();
    }

    /** Sends 1-8 fuzzed frames, half-closes, and reads whatever comes back until the broker closes. */
    private static void fuzzOneConnection(int port, Random rnd, List<byte[]> templates) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int frames = 1 + rnd.nextInt(8);
        for (int f = 0; f < frames; f++) {
            // Framing damage ends the connection, so only the last frame may break the framing.
            out.writeBytes(fuzzedFrame(rnd, templates, f == frames - 1 ? 7 : 5));
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            try {
                s.getOutputStream().write(out.toByteArray());
                s.shutdownOutput();
                byte[] sink = new byte[8192];
                while (s.getInputStream().read(sink) >= 0) {
                    // drain responses until the broker closes
                }
            } catch (java.net.SocketException e) {
                // reset by the broker after it closed on a bad frame: an accepted outcome
            }
        }
    }

    private static byte[] fuzzedFrame(Random rnd, List<byte[]> templates, int kinds) {
        byte[] t = templates.get(rnd.nextInt(templates.size()));
        switch (rnd.nextInt(kinds)) {
            case 0 -> {
                return t; // a valid request between bad ones
            }
            case 1 -> { // flip bytes after the size prefix
                byte[] m = t.clone();
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    int pos = 4 + rnd.nextInt(m.length - 4);
                    m[pos] = (byte) rnd.nextInt(256);
                }
                return m;
            }
            case 2 -> { // truncated body with a consistent size prefix
                int len = 4 + rnd.nextInt(t.length - 4);
                byte[] m = Arrays.copyOf(t, len);
                ByteBuffer.wrap(m).putInt(0, len - 4);
                return m;
            }
            case 3 -> { // trailing garbage
                byte[] extra = new byte[rnd.nextInt(64)];
                rnd.nextBytes(extra);
                byte[] m = Arrays.copyOf(t, t.length + extra.length);
                System.arraycopy(extra, 0, m, t.length, extra.length);
                ByteBuffer.wrap(m).putInt(0, m.length - 4);
                return m;
            }
            case 4 -> { // a valid header of a random key/version and a random body
                byte[] body = new byte[rnd.nextInt(200)];
                rnd.nextBytes(body);
                short key = (short) (rnd.nextBoolean() ? rnd.nextInt(40) : rnd.nextInt(65536));
                short version = (short) (rnd.nextBoolean() ? rnd.nextInt(13) : rnd.nextInt(65536));
                return RawKafkaClient.frame(key, version, rnd.nextInt(), w -> w.writeBytes(body, false));
            }
            case 5 -> { // a size prefix that does not match the bytes sent
                byte[] m = t.clone();
                ByteBuffer.wrap(m).putInt(0, rnd.nextBoolean() ? rnd.nextInt() : rnd.nextInt(t.length * 2));
                return m;
            }
            default -> { // unframed garbage
                byte[] m = new byte[1 + rnd.nextInt(100)];
                rnd.nextBytes(m);
                return m;
            }
        }
    }

    private static List<byte[]> templates() {
        List<byte[]> t = new ArrayList<>();
        for (short v = 0; v <= 4; v++) {
            short version = v;
            t.add(RawKafkaClient.frame(ApiKey.API_VERSIONS.id(), v, 1,
                    w -> new ApiVersionsRequest("fuzz", "1").write(w, version)));
        }
        for (short v = 4; v <= 8; v++) {
            short version = v;
            t.add(RawKafkaClient.frame(ApiKey.METADATA.id(), v, 2,
                    w -> new MetadataRequest(List.of(TOPIC), false, false, false).write(w, version)));
        }
        for (short v = 3; v <= 7; v++) {
            short version = v;
            ProduceRequest req = RawKafkaClient.produceRequest(TOPIC, v % 2, (short) (v == 5 ? 0 : -1),
                    batch("fuzz-" + v));
            t.add(RawKafkaClient.frame(ApiKey.PRODUCE.id(), v, 3, w -> req.write(w, version)));
        }
        for (short v = 4; v <= 11; v++) {
            short version = v;
            FetchRequest req = RawKafkaClient.fetchRequest(TOPIC, v % 2, 0, 10, 1, 1 << 16);
            t.add(RawKafkaClient.frame(ApiKey.FETCH.id(), v, 4, w -> req.write(w, version)));
        }
        for (short v = 1; v <= 5; v++) {
            short version = v;
            ListOffsetsRequest req = new ListOffsetsRequest(-1, (byte) 0, List.of(new ListOffsetsRequest.Topic(TOPIC,
                    List.of(new ListOffsetsRequest.Partition(0, -1, -1L)))));
            t.add(RawKafkaClient.frame(ApiKey.LIST_OFFSETS.id(), v, 5, w -> req.write(w, version)));
        }
        t.add(RawKafkaClient.frame(ApiKey.INIT_PRODUCER_ID.id(), (short) 1, 6,
                w -> new InitProducerIdRequest(null, -1).write(w, (short) 1)));
        groupTemplates(t);
        return t;
    }

    /** One valid request of each group API (a first join answers MEMBER_ID_REQUIRED at once, so nothing waits). */
    private static void groupTemplates(List<byte[]> t) {
        String g = "fuzz-group";
        t.add(RawKafkaClient.frame(ApiKey.FIND_COORDINATOR.id(), (short) 2, 7,
                w -> new FindCoordinatorRequest(g, (byte) 0).write(w, (short) 2)));
        t.add(RawKafkaClient.frame(ApiKey.JOIN_GROUP.id(), (short) 5, 8, w -> new JoinGroupRequest(g, 10_000, 10_000,
                "", null, "consumer", List.of(new JoinGroupRequest.Protocol("range", new byte[] {0, 1})))
                .write(w, (short) 5)));
        t.add(RawKafkaClient.frame(ApiKey.SYNC_GROUP.id(), (short) 3, 9, w -> new SyncGroupRequest(g, 1, "m", null,
                List.of(new SyncGroupRequest.Assignment("m", new byte[] {1}))).write(w, (short) 3)));
        t.add(RawKafkaClient.frame(ApiKey.HEARTBEAT.id(), (short) 3, 10,
                w -> new HeartbeatRequest(g, 1, "m", null).write(w, (short) 3)));
        t.add(RawKafkaClient.frame(ApiKey.LEAVE_GROUP.id(), (short) 3, 11, w -> new LeaveGroupRequest(g, "",
                List.of(new LeaveGroupRequest.MemberIdentity("m", null))).write(w, (short) 3)));
        t.add(RawKafkaClient.frame(ApiKey.OFFSET_COMMIT.id(), (short) 7, 12, w -> new OffsetCommitRequest(g, -1, "",
                null, -1, List.of(new OffsetCommitRequest.Topic(TOPIC, List.of(
                        new OffsetCommitRequest.Partition(0, 1, -1, "x"))))).write(w, (short) 7)));
        t.add(RawKafkaClient.frame(ApiKey.OFFSET_FETCH.id(), (short) 5, 13, w -> new OffsetFetchRequest(g,
                List.of(new OffsetFetchRequest.Topic(TOPIC, List.of(0, 1)))).write(w, (short) 5)));
        t.add(RawKafkaClient.frame(ApiKey.DESCRIBE_GROUPS.id(), (short) 4, 14,
                w -> new DescribeGroupsRequest(List.of(g), true).write(w, (short) 4)));
        t.add(RawKafkaClient.frame(ApiKey.LIST_GROUPS.id(), (short) 2, 15,
                w -> new ListGroupsRequest().write(w, (short) 2)));
        t.add(RawKafkaClient.frame(ApiKey.DELETE_GROUPS.id(), (short) 1, 16,
                w -> new DeleteGroupsRequest(List.of(g)).write(w, (short) 1)));
        t.add(RawKafkaClient.frame(ApiKey.OFFSET_DELETE.id(), (short) 0, 17, w -> new OffsetDeleteRequest(g,
                List.of(new OffsetDeleteRequest.Topic(TOPIC, List.of(0)))).write(w, (short) 0)));
    }

    private static ByteBuffer batch(String value) {
        return new RecordBatchBuilder(Compression.NONE)
                .append(System.currentTimeMillis(), "k".getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)).build();
    }
}

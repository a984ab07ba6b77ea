package dev.brook.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.Broker;
import dev.brook.broker.LogCapture;
import dev.brook.broker.NettyLeaks;
import dev.brook.broker.RawKafkaClient;
import dev.brook.broker.TestBrokers;
import dev.brook.broker.api.KafkaApis;
import dev.brook.log.record.Compression;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.protocol.ApiKey;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.ApiVersionsResponse;
import dev.brook.protocol.message.ApiVersionsResponse.ApiVersion;
import dev.brook.protocol.message.FetchResponse;
import dev.brook.protocol.message.MetadataRequest;
import dev.brook.protocol.message.MetadataResponse;
import dev.brook.protocol.message.ProduceRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The connection-level protocol rules, against a real broker over raw sockets (docs/kafka-protocol.md §4, §6). */
class ConnectionProtocolTest {
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private static final String TOPIC = "conn";

    @TempDir
    static Path dir;
    static Broker broker;
    static LogCapture logs;

    @BeforeAll
    static void start() throws Exception {
        NettyLeaks.install();
        logs = new LogCapture();
        broker = TestBrokers.start(dir, Map.of("socket.request.max.bytes", Integer.toString(MAX_REQUEST_BYTES),
                "message.max.bytes", "1000000"));
        broker.partitions().createTopic(TOPIC, 1, 1, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
        logs.close();
        assertThat(logs.errorLines()).as("broker errors").isEmpty();
        assertThat(NettyLeaks.leaks()).as("Netty leaks").isEmpty();
    }

    private static RawKafkaClient connect() throws IOException {
        return RawKafkaClient.connect(broker);
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4})
    void apiVersionsAnswersEveryVersionWithTheServedApis(short version) throws IOException {
        try (RawKafkaClient c = connect()) {
            ApiVersionsResponse r = c.apiVersions(version);
            assertThat(r.errorCode()).isEqualTo(ErrorCode.NONE.code());
            assertThat(r.throttleTimeMs()).isZero();
            List<Short> keys = r.apiKeys().stream().map(ApiVersion::apiKey).toList();
            assertThat(keys).containsExactlyInAnyOrderElementsOf(
                    KafkaApis.served().stream().map(ApiKey::id).toList());
            assertThat(r.apiKeys()).contains(new ApiVersion((short) 18, (short) 0, (short) 4),
                    new ApiVersion((short) 0, (short) 0, (short) 7), new ApiVersion((short) 1, (short) 4, (short) 11));
        }
    }

    @ParameterizedTest
    @ValueSource(shorts = {5, 99})
    void unknownApiVersionsVersionGetsUnsupportedVersionInAV0BodyAndTheConnectionStaysUsable(short version)
            throws IOException {
        try (RawKafkaClient c = connect()) {
            int id = c.nextCorrelationId();
            c.send(ApiKey.API_VERSIONS, version, id, w -> {
                w.writeUnsignedVarint(1); // a v3-style body the broker must not try to parse
                w.writeUnsignedVarint(1);
                w.writeUnsignedVarint(0);
            });
            RawKafkaClient.Response<ApiVersionsResponse> r = c.receive(ApiKey.API_VERSIONS, (short) 0,
                    ApiVersionsResponse::read);
            assertThat(r.correlationId()).isEqualTo(id);
            assertThat(r.body().errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION.code());
            assertThat(r.body().apiKeys()).containsExactly(new ApiVersion((short) 18, (short) 0, (short) 4));
            assertThat(c.apiVersions((short) 4).errorCode()).isZero();
        }
    }

    @Test
    void aFrameOverTheLimitClosesTheConnectionAndTheServerServesNewOnes() throws IOException {
        try (RawKafkaClient c = connect()) {
            ByteBuffer b = ByteBuffer.allocate(4 + 64);
            b.putInt(MAX_REQUEST_BYTES + 1);
            c.sendRaw(b.array());
            assertThat(c.awaitClosedByPeer()).isTrue();
        }
        try (RawKafkaClient c = connect()) {
            assertThat(c.apiVersions((short) 3).errorCode()).isZero();
        }
    }

    @Test
    void aTruncatedFrameThenCloseIsHarmless() throws IOException {
        try (RawKafkaClient c = connect()) {
            byte[] whole = RawKafkaClient.frame(ApiKey.API_VERSIONS.id(), (short) 3, 7,
                    w -> new dev.brook.protocol.message.ApiVersionsRequest("x", "1").write(w, (short) 3));
            c.sendRaw(java.util.Arrays.copyOf(whole, whole.length - 3));
        }
        try (RawKafkaClient c = connect()) {
            assertThat(c.apiVersions((short) 3).errorCode()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(shorts = {4, 11, 77, 999, -1})
    void anUnknownOrUnservedApiKeyClosesTheConnection(short apiKey) throws IOException {
        try (RawKafkaClient c = connect()) {
            c.sendRaw(RawKafkaClient.frame(apiKey, (short) 0, 1, w -> w.writeInt32(0)));
            assertThat(c.awaitClosedByPeer()).isTrue();
        }
    }

    @Test
    void aMalformedBodyClosesTheConnection() throws IOException {
        try (RawKafkaClient c = connect()) {
            // Metadata v8 whose topic array claims 5 entries but ends after 2 bytes of the first name.
            c.send(ApiKey.METADATA, (short) 8, 1, w -> {
                w.writeInt32(5);
                w.writeInt16((short) 10);
                w.writeInt16((short) 0x4142);
            });
            assertThat(c.awaitClosedByPeer()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2})
    void produceBelowV3ClosesTheConnection(short version) throws IOException {
        try (RawKafkaClient c = connect()) {
            c.send(ApiKey.PRODUCE, version, 1, w -> {
                w.writeInt16((short) 1);
                w.writeInt32(1000);
                w.writeInt32(0);
            });
            assertThat(c.awaitClosedByPeer()).isTrue();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (RawKafkaClient c = connect()) {
            MetadataRequest metadata = new MetadataRequest(List.of(TOPIC), false, false, false);
            for (int i = 0; i < 20; i++) {
                int id = 100 + i;
                if (i % 2 == 0) {
                    c.send(ApiKey.METADATA, (short) 8, id, w -> metadata.write(w, (short) 8));
                } else {
                    c.send(ApiKey.API_VERSIONS, (short) 0, id, w -> { });
                }
            }
            for (int i = 0; i < 20; i++) {
                if (i % 2 == 0) {
                    RawKafkaClient.Response<MetadataResponse> r = c.receive(ApiKey.METADATA, (short) 8,
                            MetadataResponse::read);
                    assertThat(r.correlationId()).isEqualTo(100 + i);
                    assertThat(r.body().topics()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo(TOPIC));
                } else {
                    RawKafkaClient.Response<ApiVersionsResponse> r = c.receive(ApiKey.API_VERSIONS, (short) 0,
                            ApiVersionsResponse::read);
                    assertThat(r.correlationId()).isEqualTo(100 + i);
                    assertThat(r.body().errorCode()).isZero();
                }
            }
        }
    }

    @Test
    void acksZeroProduceGetsNoResponseAndTheNextResponseHasItsOwnCorrelationId() throws IOException {
        try (RawKafkaClient c = connect()) {
            long before = broker.partitions().partition(new dev.brook.partition.topic.TopicPartition(TOPIC, 0))
                    .logEndOffset();
            ByteBuffer batch = new RecordBatchBuilder(Compression.NONE)
                    .append(System.currentTimeMillis(), null, "fire-and-forget".getBytes(StandardCharsets.UTF_8)).build();
            ProduceRequest req = RawKafkaClient.produceRequest(TOPIC, 0, (short) 0, batch);
            c.send(ApiKey.PRODUCE, (short) 7, 41, w -> req.write(w, (short) 7));
            c.send(ApiKey.API_VERSIONS, (short) 3, 42,
                    w -> new dev.brook.protocol.message.ApiVersionsRequest("x", "1").write(w, (short) 3));
            RawKafkaClient.Response<ApiVersionsResponse> r = c.receive(ApiKey.API_VERSIONS, (short) 3,
                    ApiVersionsResponse::read);
            assertThat(r.correlationId()).isEqualTo(42);
            // Requests run in order, so the acks=0 batch is stored before the next request was answered.
            FetchResponse.PartitionData data = c.fetch(TOPIC, 0, before, 0, 1, 1 << 20);
            assertThat(data.errorCode()).isZero();
            assertThat(data.highWatermark()).isEqualTo(before + 1);
        }
    }
}

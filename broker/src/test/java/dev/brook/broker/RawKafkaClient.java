package dev.brook.broker;

import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import dev.brook.protocol.ApiKey;
import dev.brook.protocol.RequestHeader;
import dev.brook.protocol.ResponseHeader;
import dev.brook.protocol.message.ApiVersionsRequest;
import dev.brook.protocol.message.ApiVersionsResponse;
import dev.brook.protocol.message.FetchRequest;
import dev.brook.protocol.message.FetchResponse;
import dev.brook.protocol.message.InitProducerIdRequest;
import dev.brook.protocol.message.InitProducerIdResponse;
import dev.brook.protocol.message.MetadataRequest;
import dev.brook.protocol.message.MetadataResponse;
import dev.brook.protocol.message.ProduceRequest;
import dev.brook.protocol.message.ProduceResponse;
import dev.brook.protocol.wire.ByteBufferRecords;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * A blocking raw-socket Kafka client for protocol tests: writes requests with the protocol module's encoders and
 * reads responses with its decoders, and can also send arbitrary bytes. Not thread-safe; one per connection.
 */
public final class RawKafkaClient implements AutoCloseable {
    /** How long a read waits before the test fails instead of hanging. */
    private static final int READ_TIMEOUT_MS = 30_000;

    /** Reads a response body of one API version. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(WireReader r, short version);
    }

    /** A response with its correlation id. */
    public record Response<T>(int correlationId, T body) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextCorrelationId = 1;

    private RawKafkaClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to the broker's first bound listener. */
    public static RawKafkaClient connect(Broker broker) throws IOException {
        return connect(broker.boundListeners().get(0).port());
    }

    /** Connects to 127.0.0.1:{@code port}. */
    public static RawKafkaClient connect(int port) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
            return new RawKafkaClient(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** The next correlation id this client would use. */
    public int nextCorrelationId() {
        return nextCorrelationId++;
    }

    /** A whole request frame (size prefix included) with a v1/v2 header as the api key and version require. */
    public static byte[] frame(short apiKey, short version, int correlationId, Consumer<WireWriter> body) {
        WireWriter w = new WireWriter();
        w.writeInt32(0); // size, patched below
        new RequestHeader(apiKey, version, correlationId, "raw-test").write(w);
        body.accept(w);
        ByteBuffer b = w.toEncodedMessage().toByteBuffer();
        b.putInt(0, b.remaining() - 4);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    /** Sends a request without waiting for its response. */
    public void send(ApiKey api, short version, int correlationId, Consumer<WireWriter> body) throws IOException {
        sendRaw(frame(api.id(), version, correlationId, body));
    }

    /** Sends bytes as they are. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one response frame: the bytes after the size prefix. */
    public ByteBuffer receiveFrame() throws IOException {
        int size = in.readInt();
        byte[] b = new byte[size];
        in.readFully(b);
        return ByteBuffer.wrap(b);
    }

    /** Reads one response of {@code api} at {@code version}, with its header. */
    public <T> Response<T> receive(ApiKey api, short version, BodyReader<T> reader) throws IOException {
        WireReader r = new WireReader(receiveFrame());
        ResponseHeader h = ResponseHeader.read(r, api.responseHeaderVersion(version));
        return new Response<>(h.correlationId(), reader.read(r, version));
    }

    /** Sends a request and reads its response, checking the correlation id. */
    public <T> T call(ApiKey api, short version, Consumer<WireWriter> body, BodyReader<T> reader) throws IOException {
        int id = nextCorrelationId();
        send(api, version, id, body);
        Response<T> r = receive(api, version, reader);
        if (r.correlationId() != id) {
            throw new IllegalStateException("response correlation id " + r.correlationId() + ", expected " + id);
        }
        return r.body();
    }

    /** ApiVersions at {@code version}. */
    public ApiVersionsResponse apiVersions(short version) throws IOException {
        ApiVersionsRequest req = new ApiVersionsRequest("raw-test", "1.0");
        return call(ApiKey.API_VERSIONS, version, w -> req.write(w, version), ApiVersionsResponse::read);
    }

    /** Metadata v8 for the given topics (null = all), without auto-creation. */
    public MetadataResponse metadata(List<String> topics) throws IOException {
        short v = 8;
        MetadataRequest req = new MetadataRequest(topics, false, false, false);
        return call(ApiKey.METADATA, v, w -> req.write(w, v), MetadataResponse::read);
    }

    /** InitProducerId v1 without a transactional id. */
    public InitProducerIdResponse initProducerId() throws IOException {
        short v = 1;
        InitProducerIdRequest req = new InitProducerIdRequest(null, -1);
        return call(ApiKey.INIT_PRODUCER_ID, v, w -> req.write(w, v), InitProducerIdResponse::read);
    }

    /** A Produce v7 request of {@code batches} to one partition. */
    public static ProduceRequest produceRequest(String topic, int partition, short acks, ByteBuffer batches) {
        return new ProduceRequest(null, acks, 30_000, List.of(new ProduceRequest.TopicData(topic,
                List.of(new ProduceRequest.PartitionData(partition, new ByteBufferRecords(batches.duplicate()))))));
    }

    /** Produce v7 of {@code batches} to one partition with acks=all; returns that partition's response. */
    public ProduceResponse.PartitionResponse produce(String topic, int partition, ByteBuffer batches)
            throws IOException {
        short v = 7;
        ProduceRequest req = produceRequest(topic, partition, (short) -1, batches);
        ProduceResponse r = call(ApiKey.PRODUCE, v, w -> req.write(w, v), ProduceResponse::read);
        return r.responses().get(0).partitionResponses().get(0);
    }

    /** A sessionless Fetch request of one partition. */
    public static FetchRequest fetchRequest(String topic, int partition, long offset, int maxWaitMs, int minBytes,
                                            int maxBytes) {
        return new FetchRequest(-1, maxWaitMs, minBytes, maxBytes, (byte) 0, 0, -1,
                List.of(new FetchRequest.Topic(topic, List.of(new FetchRequest.Partition(partition, -1, offset, -1,
                        maxBytes)))), List.of(), "");
    }

    /** Fetch v11 of one partition; returns that partition's data. */
    public FetchResponse.PartitionData fetch(String topic, int partition, long offset, int maxWaitMs, int minBytes,
                                             int maxBytes) throws IOException {
        short v = 11;
        FetchRequest req = fetchRequest(topic, partition, offset, maxWaitMs, minBytes, maxBytes);
        FetchResponse r = call(ApiKey.FETCH, v, w -> req.write(w, v), FetchResponse::read);
        return r.responses().get(0).partitions().get(0);
    }

    /** One fetched record as strings (null key/value stay null). */
    public record Fetched(long offset, String key, String value) {
    }

    /**
     * Every record of the whole batches in a fetched partition, CRC-checked; a trailing partial batch is skipped as
     * clients do.
     */
    public static List<Fetched> records(FetchResponse.PartitionData data) {
        List<Fetched> out = new java.util.ArrayList<>();
        if (data.records() == null) {
            return out;
        }
        ByteBuffer buf = ((ByteBufferRecords) data.records()).buffer();
        int pos = buf.position();
        while (buf.limit() - pos >= RecordBatch.LOG_OVERHEAD) {
            int size = buf.getInt(pos + RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            if (buf.limit() - pos < size) {
                break;
            }
            RecordBatch batch = RecordBatch.wrap(buf.duplicate().position(pos).limit(pos + size).slice());
            batch.ensureValid();
            try (CloseableIterator<Record> it = batch.records()) {
                while (it.hasNext()) {
                    Record r = it.next();
                    out.add(new Fetched(r.offset(), string(r.hasKey() ? r.key() : null),
                            string(r.isTombstone() ? null : r.value())));
                }
            }
            pos += size;
        }
        return out;
    }

    private static String string(ByteBuffer b) {
        return b == null ? null : StandardCharsets.UTF_8.decode(b.duplicate()).toString();
    }

    /**
     * Waits for the broker to close this connection.
     *
     * @return true if the peer closed (EOF or reset) within the read timeout, false if data arrived instead
     */
    public boolean awaitClosedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException | SocketException e) {
            return true; // reset by peer
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package dev.brook.broker.cli;

import dev.brook.protocol.ApiKey;
import dev.brook.protocol.RequestHeader;
import dev.brook.protocol.ResponseHeader;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A minimal blocking Kafka-protocol client for the command line: one socket, one request at a time, encoded and
 * decoded with the protocol module's codecs. Not thread-safe.
 *
 * <p>Each request is sent as an int32 big-endian size, the request header (v1 or v2 as the API version requires)
 * and the body; each response is read as an int32 size, the response header (the correlation id, checked) and the
 * body.
 */
final class KafkaProtocolClient implements AutoCloseable {
    private static final int TIMEOUT_MS = 15_000;
    private static final String CLIENT_ID = "brook-cli";

    /** Reads a response body of one API version. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(WireReader r, short version);
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextCorrelationId = 1;

    private KafkaProtocolClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code host:port}. */
    static KafkaProtocolClient connect(String host, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            return new KafkaProtocolClient(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Sends one request and reads its response. */
    <T> T call(ApiKey api, short version, Consumer<WireWriter> body, BodyReader<T> reader) throws IOException {
        int correlationId = nextCorrelationId++;
        WireWriter w = new WireWriter();
        w.writeInt32(0); // the size, patched below once known
        new RequestHeader(api.id(), version, correlationId, CLIENT_ID).write(w);
        body.accept(w);
        ByteBuffer frame = w.toEncodedMessage().toByteBuffer();
        frame.putInt(0, frame.remaining() - 4);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        out.write(bytes);
        out.flush();

        int size = in.readInt();
        if (size < 0) {
            throw new IOException("negative response size " + size);
        }
        byte[] response = new byte[size];
        in.readFully(response);
        WireReader r = new WireReader(ByteBuffer.wrap(response));
        ResponseHeader header = ResponseHeader.read(r, api.responseHeaderVersion(version));
        if (header.correlationId() != correlationId) {
            throw new IOException("response correlation id " + header.correlationId() + ", expected " + correlationId);
        }
        return reader.read(r, version);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

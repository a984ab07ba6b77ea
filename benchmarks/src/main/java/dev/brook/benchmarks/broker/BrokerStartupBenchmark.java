package dev.brook.benchmarks.broker;

import dev.brook.benchmarks.log.BenchLogs;
import dev.brook.broker.Broker;
import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.Listener;
import dev.brook.protocol.ApiKey;
import dev.brook.protocol.RequestHeader;
import dev.brook.protocol.ResponseHeader;
import dev.brook.protocol.message.MetadataRequest;
import dev.brook.protocol.message.MetadataResponse;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Time from {@code Broker.start} on an empty data directory to the first successful Metadata round trip over a
 * real loopback socket: what a test suite pays to get a Kafka-compatible broker (the embedded-in-tests use case).
 * Each operation starts one broker; the broker is stopped and its directory removed outside the measurement.
 * Warm-up iterations make the figure a warm one (classes loaded and JIT-compiled); run with {@code -wi 0 -i 1}
 * and several forks for the cold, first-start figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BrokerStartupBenchmark {
    private Path dir;
    private Broker broker;

    /** A fresh, empty data directory for each start. */
    @Setup(Level.Invocation)
    public void createDir() {
        dir = BenchLogs.createDir("brook-startup-");
    }

    /** Stops the broker and removes its data (not measured). */
    @TearDown(Level.Invocation)
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        BenchLogs.deleteRecursively(dir);
    }

    /** Starts a broker and completes one Metadata v8 request against it. */
    @Benchmark
    public int startAndAnswerMetadata() throws Exception {
        broker = Broker.start(BrokerConfig.of(Map.of("log.dirs", dir.toString(),
                "listeners", "PLAINTEXT://127.0.0.1:0")));
        Listener l = broker.boundListeners().get(0);
        MetadataResponse response = metadata(l.host(), l.port());
        if (response.brokers().isEmpty()) {
            throw new IllegalStateException("Metadata listed no broker");
        }
        return response.brokers().size();
    }

    private static MetadataResponse metadata(String host, int port) throws IOException {
        short version = 8;
        WireWriter w = new WireWriter();
        new RequestHeader(ApiKey.METADATA.id(), version, 1, "startup-bench").write(w);
        new MetadataRequest(List.of(), false, false, false).write(w, version);
        ByteBuffer body = w.toEncodedMessage().toByteBuffer();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(ByteBuffer.allocate(4).putInt(body.remaining()).array());
            out.write(body.array(), body.arrayOffset() + body.position(), body.remaining());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            WireReader r = new WireReader(ByteBuffer.wrap(frame));
            ResponseHeader.read(r, ApiKey.METADATA.responseHeaderVersion(version));
            return MetadataResponse.read(r, version);
        }
    }
}

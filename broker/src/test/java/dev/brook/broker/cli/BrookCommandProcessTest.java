package dev.brook.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.RawKafkaClient;
import dev.brook.log.checkpoint.CleanShutdownMarker;
import dev.brook.log.record.Compression;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.protocol.ApiKey;
import dev.brook.protocol.message.MetadataRequest;
import dev.brook.protocol.message.MetadataResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/brook start} as operators run it: a separate JVM, stopped by signals. */
class BrookCommandProcessTest {
    private static final String ACCEPTING = "Brook accepting Kafka connections on";
    private static final String TOPIC = "cli";

    @TempDir
    Path dir;
    private final List<BrookProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (BrookProcess p : started) {
            p.process.destroyForcibly();
        }
    }

    /** A broker JVM with its stderr collected; {@link #awaitAccepting()} waits for the bound log line. */
    private static final class BrookProcess {
        final Process process;
        final StringBuffer stderr = new StringBuffer();
        final CountDownLatch accepting = new CountDownLatch(1);
        final Thread reader;

        BrookProcess(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        stderr.append(line).append('\n');
                        if (line.contains(ACCEPTING)) {
                            accepting.countDown();
                        }
                    }
                } catch (IOException e) {
                    stderr.append("[stderr read failed: ").append(e).append("]\n");
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void awaitAccepting() throws InterruptedException {
            while (!accepting.await(100, TimeUnit.MILLISECONDS)) {
                assertThat(process.isAlive()).as("broker exited before accepting:\n%s", stderr).isTrue();
            }
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("broker did not exit:\n%s", stderr).isTrue();
            reader.join(10_000);
            return process.exitValue();
        }
    }

    private BrookProcess brook(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                // The test classpath's simplelogger.properties says warn; the "accepting" line is INFO.
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Xmx256m",
                BrookCommand.class.getName(), "start"));
        cmd.addAll(List.of(args));
        BrookProcess p = new BrookProcess(new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start());
        started.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private BrookProcess startBroker(Path data, int port) throws Exception {
        BrookProcess p = brook("--set", "log.dirs=" + data, "--set", "listeners=PLAINTEXT://127.0.0.1:" + port,
                "--set", "num.partitions=2");
        p.awaitAccepting();
        return p;
    }

    /** Auto-creates the topic through Metadata, then writes one batch of {@code values} to partition 0. */
    private static void produce(int port, String... values) throws IOException {
        try (RawKafkaClient c = RawKafkaClient.connect(port)) {
            short v = 8;
            MetadataRequest md = new MetadataRequest(List.of(TOPIC), true, false, false);
            MetadataResponse r = c.call(ApiKey.METADATA, v, w -> md.write(w, v), MetadataResponse::read);
            assertThat(r.topics().get(0).errorCode()).isZero();
            RecordBatchBuilder b = new RecordBatchBuilder(Compression.NONE);
            for (String value : values) {
                b.append(System.currentTimeMillis(), null, value.getBytes(StandardCharsets.UTF_8));
            }
            assertThat(c.produce(TOPIC, 0, b.build()).errorCode()).isZero();
        }
    }

    private static List<String> consume(int port) throws IOException {
        try (RawKafkaClient c = RawKafkaClient.connect(port)) {
            return RawKafkaClient.records(c.fetch(TOPIC, 0, 0, 0, 1, 1 << 20)).stream()
                    .map(RawKafkaClient.Fetched::value).toList();
        }
    }

    private List<Path> partitionDirs(Path data) throws IOException {
        try (Stream<Path> s = Files.list(data)) {
            return s.filter(d -> d.getFileName().toString().startsWith(TOPIC + "-")).toList();
        }
    }

    @Test
    void sigtermStopsCleanlyAndSigkillIsRecoveredOnTheNextStart() throws Exception {
        Path data = dir.resolve("data");
        int port = freePort();
        BrookProcess first = startBroker(data, port);
        produce(port, "a", "b");
        first.process.destroy(); // SIGTERM
        assertThat(first.awaitExit()).as(first.stderr.toString()).isZero();
        assertThat(partitionDirs(data)).hasSize(2).allSatisfy(d ->
                assertThat(d.resolve(CleanShutdownMarker.FILE_NAME)).as("marker in %s", d).exists());

        BrookProcess second = startBroker(data, port);
        assertThat(consume(port)).containsExactly("a", "b");
        produce(port, "c");
        second.process.destroyForcibly(); // SIGKILL: no markers, recovery on the next start
        second.awaitExit();

        BrookProcess third = startBroker(data, port);
        assertThat(consume(port)).containsExactly("a", "b", "c");
        third.process.destroy();
        assertThat(third.awaitExit()).as(third.stderr.toString()).isZero();
    }

    @Test
    void anUnknownSettingExitsWithTwoNamingIt() throws Exception {
        BrookProcess p = brook("--set", "log.dirs=" + dir, "--set", "no.such.setting=1");
        assertThat(p.awaitExit()).isEqualTo(2);
        assertThat(p.stderr.toString()).contains("no.such.setting");
    }

    @Test
    void aPropertiesFileConfiguresTheBroker() throws Exception {
        int port = freePort();
        Path config = dir.resolve("brook.properties");
        Files.writeString(config, "# test broker\nlisteners=PLAINTEXT://127.0.0.1:" + port + "\nlog.dirs="
                + dir.resolve("from-file") + "\nnum.partitions=2\n");
        BrookProcess p = brook("--config", config.toString());
        p.awaitAccepting();
        produce(port, "via-file");
        assertThat(consume(port)).containsExactly("via-file");
        assertThat(partitionDirs(dir.resolve("from-file"))).hasSize(2);
        p.process.destroy();
        assertThat(p.awaitExit()).isZero();
    }

    @Test
    void aSecondBrokerOnTheSameDataDirectoryFailsWithOne() throws Exception {
        Path data = dir.resolve("shared");
        BrookProcess first = startBroker(data, freePort());
        BrookProcess second = brook("--set", "log.dirs=" + data, "--set",
                "listeners=PLAINTEXT://127.0.0.1:" + freePort());
        assertThat(second.awaitExit()).isEqualTo(1);
        assertThat(second.stderr.toString()).contains("is in use by another Brook process");
        assertThat(first.process.isAlive()).isTrue();
        first.process.destroy();
        assertThat(first.awaitExit()).isZero();
    }
}

package dev.brook.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, {@code bin/brook start}, as a real process, driven by kcat (librdkafka) as an operator
 * would: produce and consume with every supported compression, stop with SIGTERM (exit 0) and with SIGKILL, and
 * find every acknowledged record after each restart. Skipped when kcat is not installed ({@code .ci/run} installs
 * it).
 */
class BinBrookKcatTest {
    private static final long SEED = Long.getLong("brook.seed", System.nanoTime());

    @TempDir
    Path data;
    private Process broker;
    private Path brokerLog;
    private int port;

    @BeforeEach
    void requireKcat() {
        assumeTrue(onPath("kcat"), "kcat is not installed (Debian package kcat; .ci/run installs it)");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (broker != null && broker.isAlive()) {
            broker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void kcatProducesAndConsumesWithEveryCompressionAcrossSigtermAndSigkill() throws Exception {
        port = freePort();
        start();
        Random random = new Random(SEED);
        List<String> none = produce("kcat-none", "none", 300, random);
        List<String> gzip = produce("kcat-gzip", "gzip", 300, random);
        List<String> lz4 = produce("kcat-lz4", "lz4", 300, random);
        assertThat(consume("kcat-none")).as("seed %d", SEED).containsExactlyElementsOf(none);
        assertThat(consume("kcat-gzip")).as("seed %d", SEED).containsExactlyElementsOf(gzip);
        assertThat(consume("kcat-lz4")).as("seed %d", SEED).containsExactlyElementsOf(lz4);

        broker.destroy(); // SIGTERM
        assertThat(broker.waitFor(60, TimeUnit.SECONDS)).as("broker stops after SIGTERM").isTrue();
        assertThat(broker.exitValue()).as("exit code after SIGTERM; log:%n%s", log()).isZero();
        assertThat(Files.exists(data.resolve("kcat-lz4-0").resolve(".clean-shutdown"))).isTrue();

        start();
        assertThat(consume("kcat-gzip")).as("after SIGTERM restart").containsExactlyElementsOf(gzip);
        List<String> more = produce("kcat-gzip", "gzip", 100, random);
        broker.destroyForcibly(); // SIGKILL: only the page cache holds the last appends
        broker.waitFor(60, TimeUnit.SECONDS);

        start();
        List<String> expected = new ArrayList<>(gzip);
        expected.addAll(more);
        assertThat(consume("kcat-gzip")).as("after SIGKILL restart, seed %d", SEED)
                .containsExactlyElementsOf(expected);
        assertThat(consume("kcat-none")).containsExactlyElementsOf(none);
    }

    private void start() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        brokerLog = Files.createTempFile(data.getParent(), "brook", ".log");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/brook").toString(), "start",
                "--set", "log.dirs=" + data, "--set", "listeners=PLAINTEXT://127.0.0.1:" + port)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(brokerLog.toFile());
        pb.environment().put("BROOK_NO_BUILD", "1");
        broker = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!log().contains("accepting Kafka connections")) {
            assertThat(broker.isAlive()).as("broker exited early:%n%s", log()).isTrue();
            assertThat(System.nanoTime()).as("broker did not start:%n%s", log()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private List<String> produce(String topic, String codec, int count, Random random) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("key-" + i + ":" + Long.toHexString(random.nextLong()) + "-" + "x".repeat(random.nextInt(200)));
        }
        Path input = Files.createTempFile(data.getParent(), topic, ".txt");
        Files.write(input, lines, StandardCharsets.UTF_8);
        run(List.of("kcat", "-b", "127.0.0.1:" + port, "-t", topic, "-P", "-K:", "-z", codec, "-p", "0",
                "-X", "acks=all", "-l", input.toString()));
        return lines;
    }

    private List<String> consume(String topic) throws Exception {
        return run(List.of("kcat", "-b", "127.0.0.1:" + port, "-t", topic, "-C", "-o", "beginning", "-e", "-q",
                "-f", "%k:%s\\n"));
    }

    private static List<String> run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s failed: %s", command, new String(err, StandardCharsets.UTF_8)).isZero();
        String text = new String(out, StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private String log() {
        try {
            return Files.readString(brokerLog);
        } catch (IOException e) {
            return "(cannot read " + brokerLog + ": " + e + ")";
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

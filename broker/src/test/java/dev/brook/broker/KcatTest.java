package dev.brook.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brook.log.record.Compression;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.RecordBatches;
import dev.brook.protocol.wire.ByteBufferRecords;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** librdkafka's view of the broker, through Debian's {@code kcat} (skipped when it is not installed). */
class KcatTest {
    @TempDir
    static Path dir;
    static Broker broker;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(onPath("kcat"), "kcat is not on PATH (apt-get install kcat); skipping the librdkafka tests");
        broker = TestBrokers.start(dir, Map.of("num.partitions", "3"));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result kcat(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("kcat", "-b", broker.bootstrapServers()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "kcat", ".out");
        Path err = Files.createTempFile(dir, "kcat", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kcat " + args[0] + " did not finish: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lz4", "gzip", "none"})
    void keyedMessagesProducedByKcatAreConsumedByKcat(String codec) throws Exception {
        String topic = "kcat-" + codec;
        Map<String, String> sent = new LinkedHashMap<>();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String key = "key-" + i;
            String value = codec + "-value-" + i + "-" + "z".repeat(i % 50);
            sent.put(key, value);
            input.append(key).append(':').append(value).append('\n');
        }
        Result produced = kcat(input.toString(), "-P", "-t", topic, "-K:", "-z", codec,
                "-X", "topic.partitioner=murmur2_random");
        assertThat(produced.exitCode()).as(produced.stderr()).isZero();
        // librdkafka sends gzip/lz4 uncompressed if Produce's advertised minimum is above 0 (KAFKA-18659).
        java.util.Set<Integer> codecs = new java.util.HashSet<>();
        try (RawKafkaClient c = RawKafkaClient.connect(broker)) {
            for (int p = 0; p < 3; p++) {
                var data = c.fetch(topic, p, 0, 0, 1, 1 << 20);
                for (RecordBatch b : RecordBatches.of(((ByteBufferRecords) data.records()).buffer())) {
                    codecs.add(b.compressionId());
                }
            }
        }
        int expected = Compression.valueOf(codec.toUpperCase(java.util.Locale.ROOT)).id();
        // librdkafka enables lz4 only when FindCoordinator v0 is advertised (its LZ4 feature), which it is. It sends
        // a batch uncompressed when compressing does not make it smaller, so plain batches may appear beside.
        assertThat(codecs).contains(expected).isSubsetOf(0, expected);

        Result consumed = kcat("", "-C", "-t", topic, "-e", "-o", "beginning", "-q", "-f", "%k=%s\\n");
        assertThat(consumed.exitCode()).as(consumed.stderr()).isZero();
        Map<String, String> received = new LinkedHashMap<>();
        for (String line : consumed.stdout().split("\n")) {
            if (!line.isEmpty()) {
                int eq = line.indexOf('=');
                assertThat(received.put(line.substring(0, eq), line.substring(eq + 1))).as("duplicate %s", line)
                        .isNull();
            }
        }
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void kcatListsTheBrokerAndTopics() throws Exception {
        broker.partitions().createTopic("kcat-listed", 2, 1, Map.of());
        Result r = kcat("", "-L");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("1 brokers:")
                .contains("broker 1 at " + broker.bootstrapServers())
                .contains("topic \"kcat-listed\" with 2 partitions:")
                .contains("partition 0, leader 1, replicas: 1, isrs: 1")
                .contains("partition 1, leader 1, replicas: 1, isrs: 1");
    }

    @Test
    void kcatBalancedConsumerConsumesAWholeTopicInAGroup() throws Exception {
        String topic = "kcat-group";
        broker.partitions().createTopic(topic, 4, 1, Map.of());
        StringBuilder input = new StringBuilder();
        java.util.Set<String> sent = new java.util.TreeSet<>();
        for (int i = 0; i < 400; i++) {
            sent.add("k" + i + "=v" + i);
            input.append("k").append(i).append(":v").append(i).append('\n');
        }
        Result produced = kcat(input.toString(), "-P", "-t", topic, "-K:");
        assertThat(produced.exitCode()).as(produced.stderr()).isZero();

        // -G: librdkafka's balanced consumer (FindCoordinator, JoinGroup, SyncGroup, OffsetFetch, Heartbeat,
        // OffsetCommit, LeaveGroup); -e exits once every assigned partition has reached its end.
        Result consumed = kcat("", "-G", "kcat-group-consumers", "-X", "auto.offset.reset=earliest", "-e", "-q",
                "-f", "%k=%s\\n", topic);
        assertThat(consumed.exitCode()).as(consumed.stderr()).isZero();
        java.util.List<String> lines = java.util.Arrays.stream(consumed.stdout().split("\n"))
                .filter(l -> !l.isEmpty()).sorted().toList();
        assertThat(lines).containsExactlyElementsOf(sent);
    }
}

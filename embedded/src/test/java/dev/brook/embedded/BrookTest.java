package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrookTest {
    @TempDir
    Path dir;

    @Test
    void reopenAfterCloseSeesEveryRecordAndTopic() throws IOException {
        try (Brook brook = Brook.open(dir)) {
            brook.topics().create("events", 3);
            Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string(),
                    ProducerOptions.defaults().linger(Duration.ofHours(1)));
            for (int i = 0; i < 100; i++) {
                producer.send("events", "k" + i, "v" + i);
            }
            // Not flushed by hand: close() flushes producers before the logs.
        }
        try (Brook brook = Brook.open(dir);
                Reader<String, String> reader = brook.reader("events", Serdes.string(), Serdes.string(),
                        StartPosition.earliest())) {
            assertThat(brook.topics().list()).containsExactly("events");
            assertThat(brook.topics().describe("events").partitions()).isEqualTo(3);
            List<BrookRecord<String, String>> all = ReaderTest.readAll(reader, 100);
            assertThat(all).extracting(BrookRecord::value).hasSize(100).doesNotHaveDuplicates();
        }
    }

    @Test
    void openTemporaryRemovesItsDirectoryOnClose() throws IOException {
        Path where;
        try (Brook brook = Brook.openTemporary()) {
            where = brook.directory();
            brook.producer(Serdes.string(), Serdes.string()).sendSync("t", "k", "v");
            assertThat(where).isDirectory();
        }
        assertThat(where).doesNotExist();
    }

    @Test
    void aSecondInstanceOnTheSameDirectoryFailsAtOnce() throws IOException {
        try (Brook brook = Brook.open(dir)) {
            assertThatThrownBy(() -> Brook.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("in use");
            assertThat(brook.directory()).isEqualTo(dir.toAbsolutePath().normalize());
        }
        Brook.open(dir).close();
    }

    @Test
    void closeClosesWhatItHandedOutAndIsIdempotent() throws IOException {
        Brook brook = Brook.open(dir);
        brook.topics().create("t", 1);
        Producer<byte[], byte[]> producer = brook.producer(Serdes.bytes(), Serdes.bytes());
        Reader<byte[], byte[]> reader = brook.reader("t", Serdes.bytes(), Serdes.bytes(), StartPosition.earliest());
        Subscription subscription = brook.subscribe("t", StartPosition.earliest(), record -> { });
        brook.close();
        brook.close();
        assertThatThrownBy(() -> producer.send("t", null, new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> reader.poll(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
        assertThat(subscription.isRunning()).isFalse();
        assertThatThrownBy(() -> brook.producer(Serdes.bytes(), Serdes.bytes()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(Files.exists(dir.resolve(".lock"))).isTrue();
    }

    @Test
    void optionsApplyAsBrokerDefaults() throws IOException {
        BrookOptions options = BrookOptions.defaults().with("num.partitions", 4).with("log.retention.ms", 60_000)
                .with("auto.create.topics.enable", "true");
        try (Brook brook = Brook.openTemporary(options)) {
            brook.producer(Serdes.string(), Serdes.string()).sendSync("auto", "k", "v");
            TopicDescription auto = brook.topics().describe("auto");
            assertThat(auto.partitions()).isEqualTo(4);
            assertThat(auto.configs()).containsEntry("retention.ms", "60000");
            assertThat(auto.overrides()).isEmpty();
        }
    }

    @Test
    void listenIsOffUntilAskedAndThenStable() throws IOException {
        try (Brook brook = Brook.openTemporary()) {
            assertThat(brook.bootstrapServers()).isEmpty();
            String address = brook.listen(0);
            assertThat(address).startsWith("127.0.0.1:").doesNotEndWith(":0");
            assertThat(brook.listen(0)).isEqualTo(address);
            assertThat(brook.bootstrapServers()).contains(address);
        }
    }
}

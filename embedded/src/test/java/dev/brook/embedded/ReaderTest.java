package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.partition.UnknownTopicOrPartitionException;
import dev.brook.partition.topic.TopicPartition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReaderTest {
    private Brook brook;
    private Producer<String, String> producer;

    /** Polls until {@code count} records arrived (or fails after 30 s without progress). */
    static <K, V> List<BrookRecord<K, V>> readAll(Reader<K, V> reader, int count) {
        List<BrookRecord<K, V>> out = new ArrayList<>();
        while (out.size() < count) {
            List<BrookRecord<K, V>> batch = reader.poll(Duration.ofSeconds(30));
            assertThat(batch).as("records after %d of %d", out.size(), count).isNotEmpty();
            out.addAll(batch);
        }
        assertThat(out).hasSize(count);
        return out;
    }

    @BeforeEach
    void open() throws IOException {
        brook = Brook.openTemporary();
        producer = brook.producer(Serdes.string(), Serdes.string());
    }

    @AfterEach
    void close() {
        brook.close();
    }

    private Reader<String, String> reader(String topic, StartPosition start) {
        return brook.reader(topic, Serdes.string(), Serdes.string(), start);
    }

    @Test
    void startPositions() {
        brook.topics().create("t", 1);
        // Recent timestamps: records older than retention.ms could be removed while the test runs.
        long base = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < 10; i++) {
            producer.sendSync("t", "k", "v" + i, List.of(), base + i);
        }
        assertThat(readAll(reader("t", StartPosition.earliest()), 10).get(0).offset()).isZero();
        assertThat(readAll(reader("t", StartPosition.offset(7)), 3).get(0).value()).isEqualTo("v7");
        assertThat(readAll(reader("t", StartPosition.timestamp(base + 4)), 6).get(0).offset()).isEqualTo(4);
        Reader<String, String> latest = reader("t", StartPosition.latest());
        assertThat(latest.poll(Duration.ZERO)).isEmpty();
        assertThat(latest.position(0)).isEqualTo(10);
        producer.sendSync("t", "k", "new");
        assertThat(readAll(latest, 1).get(0).value()).isEqualTo("new");
        Reader<String, String> future = reader("t", StartPosition.timestamp(System.currentTimeMillis() + 3_600_000));
        assertThat(future.position(0)).isEqualTo(11);
    }

    @Test
    void pollWaitsForRecordsAppendedLater() throws Exception {
        brook.topics().create("t", 2);
        Reader<String, String> reader = reader("t", StartPosition.earliest());
        CompletableFuture<List<BrookRecord<String, String>>> polled =
                CompletableFuture.supplyAsync(() -> reader.poll(Duration.ofSeconds(30)));
        producer.sendSync("t", "k", "late");
        List<BrookRecord<String, String>> records = polled.get(30, TimeUnit.SECONDS);
        assertThat(records).extracting(BrookRecord::value).containsExactly("late");
    }

    @Test
    void closeEndsAWaitingPoll() throws Exception {
        brook.topics().create("t", 1);
        Reader<String, String> reader = reader("t", StartPosition.earliest());
        CompletableFuture<List<BrookRecord<String, String>>> polled =
                CompletableFuture.supplyAsync(() -> reader.poll(Duration.ofMinutes(5)));
        while (!Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getState() == Thread.State.TIMED_WAITING && isPolling(t))) {
            Thread.onSpinWait();
        }
        reader.close();
        assertThat(polled.get(30, TimeUnit.SECONDS)).isEmpty();
        assertThatThrownBy(() -> reader.poll(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
    }

    private static boolean isPolling(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().equals("awaitChange")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void seekAndPosition() {
        brook.topics().create("t", 1);
        for (int i = 0; i < 5; i++) {
            producer.sendSync("t", "k", "v" + i);
        }
        Reader<String, String> reader = reader("t", StartPosition.earliest());
        readAll(reader, 5);
        assertThat(reader.position(0)).isEqualTo(5);
        reader.seek(0, 2);
        assertThat(readAll(reader, 3).get(0).value()).isEqualTo("v2");
        reader.seekAll(StartPosition.earliest());
        assertThat(reader.position(0)).isZero();
        assertThatThrownBy(() -> reader.position(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPartitionReaderReadsOnlyItsPartition() {
        brook.topics().create("t", 3);
        for (int i = 0; i < 60; i++) {
            producer.sendSync("t", "key" + i, "v" + i);
        }
        long inPartition1 = brook.partitionStore().partition(new TopicPartition("t", 1)).highWatermark();
        Reader<String, String> reader = brook.reader(new TopicPartition("t", 1), Serdes.string(), Serdes.string(),
                StartPosition.earliest());
        assertThat(reader.partitions()).containsExactly(1);
        assertThat(readAll(reader, (int) inPartition1)).allMatch(r -> r.partition() == 1);
        assertThat(reader.poll(Duration.ZERO)).isEmpty();
        assertThatThrownBy(() -> brook.reader(new TopicPartition("t", 3), Serdes.string(), Serdes.string(),
                StartPosition.earliest())).isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void aTopicReaderFollowsNewPartitions() {
        brook.topics().create("t", 1);
        Reader<String, String> reader = reader("t", StartPosition.latest());
        brook.topics().increasePartitions("t", 2);
        producer.sendSync("t", "key-for-new", "x");
        RecordMetadata md = producer.sendSync("t", "other", "y");
        assertThat(readAll(reader, 2)).extracting(BrookRecord::value).containsExactlyInAnyOrder("x", "y");
        assertThat(reader.partitions()).containsExactlyInAnyOrder(0, 1);
        assertThat(md.partition()).isBetween(0, 1);
    }

    @Test
    void aDeletedTopicFailsThePoll() {
        brook.topics().create("t", 1);
        Reader<String, String> reader = reader("t", StartPosition.earliest());
        brook.topics().delete("t");
        assertThatThrownBy(() -> reader.poll(Duration.ZERO)).isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThatThrownBy(() -> reader("t", StartPosition.earliest()))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
    }
}

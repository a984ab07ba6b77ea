package dev.brook.partition.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicStoreTest {
    @TempDir
    Path logDir;

    private static TopicMetadata topic(String name, int partitions) {
        return new TopicMetadata(name, UUID.randomUUID(), partitions, 1,
                Map.of("retention.ms", "1000", "cleanup.policy", "compact,delete"));
    }

    @Test
    void writesOneVersionedChecksummedFilePerTopicAndLoadsThemAll() throws IOException {
        TopicStore store = new TopicStore(logDir);
        TopicMetadata orders = topic("orders", 3);
        TopicMetadata users = new TopicMetadata("users.v1", UUID.randomUUID(), 1, 1, Map.of());
        store.write(orders);
        store.write(users);
        Path file = logDir.resolve("brook-metadata/topics/orders.topic");
        assertThat(file).exists();
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("brook-checkpoint topic 1\nname orders\ntopic-id " + orders.topicId() + "\n")
                .contains("partitions 3\nreplication-factor 1\nconfigs 2\ncleanup.policy compact,delete\n"
                        + "retention.ms 1000\ncrc32c ");
        assertThat(new TopicStore(logDir).loadAll()).containsExactlyEntriesOf(
                new java.util.TreeMap<>(Map.of("orders", orders, "users.v1", users)));
    }

    @Test
    void rewriteReplacesAndDeleteRemoves() {
        TopicStore store = new TopicStore(logDir);
        TopicMetadata orders = topic("orders", 3);
        store.write(orders);
        store.write(orders.withPartitionCount(5));
        assertThat(store.loadAll().get("orders").partitionCount()).isEqualTo(5);
        assertThat(store.delete("orders")).isTrue();
        assertThat(store.delete("orders")).isFalse();
        assertThat(store.loadAll()).isEmpty();
    }

    @Test
    void corruptFileIsATypedErrorNamingTheFile() throws IOException {
        TopicStore store = new TopicStore(logDir);
        store.write(topic("orders", 3));
        Path file = store.path("orders");
        String text = Files.readString(file);
        Files.writeString(file, text.replace("partitions 3", "partitions 4"));
        assertThatThrownBy(store::loadAll).isInstanceOfSatisfying(CorruptTopicFileException.class,
                e -> assertThat(e.file()).isEqualTo(file)).hasMessageContaining("orders.topic")
                .hasMessageContaining("checksum");
        Files.writeString(file, text.substring(0, text.length() / 2));
        assertThatThrownBy(store::loadAll).isInstanceOf(CorruptTopicFileException.class);
    }

    @Test
    void fileNamedForAnotherTopicIsCorrupt() throws IOException {
        TopicStore store = new TopicStore(logDir);
        store.write(topic("orders", 1));
        Files.move(store.path("orders"), store.path("payments"));
        assertThatThrownBy(store::loadAll).isInstanceOf(CorruptTopicFileException.class)
                .hasMessageContaining("payments.topic");
    }

    @Test
    void leftoverTmpFilesAreRemovedOnLoad() throws IOException {
        TopicStore store = new TopicStore(logDir);
        Path tmp = store.directory().resolve("orders.topic.tmp");
        Files.writeString(tmp, "half a file");
        assertThat(store.loadAll()).isEmpty();
        assertThat(tmp).doesNotExist();
    }

    @Test
    void namesTooLongForAFileNameAreRefused() {
        TopicStore store = new TopicStore(logDir);
        String longest = "t".repeat(TopicStore.MAX_STORABLE_NAME_LENGTH);
        store.write(new TopicMetadata(longest, UUID.randomUUID(), 1, 1, Map.of()));
        assertThat(store.loadAll()).containsKey(longest);
        assertThatThrownBy(() -> store.write(new TopicMetadata(longest + "t", UUID.randomUUID(), 1, 1, Map.of())))
                .isInstanceOf(InvalidTopicException.class).hasMessageContaining("too long");
    }
}

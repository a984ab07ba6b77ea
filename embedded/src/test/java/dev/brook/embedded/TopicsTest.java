package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.partition.InvalidPartitionsException;
import dev.brook.partition.TopicExistsException;
import dev.brook.partition.UnknownTopicOrPartitionException;
import dev.brook.partition.topic.InvalidConfigException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopicsTest {
    private Brook brook;
    private Topics topics;

    @BeforeEach
    void open() throws IOException {
        brook = Brook.openTemporary();
        topics = brook.topics();
    }

    @AfterEach
    void close() {
        brook.close();
    }

    @Test
    void createDescribeListDelete() {
        TopicDescription created = topics.create("orders", 3, Map.of("retention.ms", "1000"));
        assertThat(created.partitions()).isEqualTo(3);
        assertThat(created.overrides()).containsExactly(Map.entry("retention.ms", "1000"));
        assertThat(created.configs()).containsEntry("retention.ms", "1000").containsKey("segment.bytes");
        topics.create("audit", -1);
        assertThat(topics.list()).containsExactly("audit", "orders");
        assertThat(topics.exists("orders")).isTrue();
        assertThatThrownBy(() -> topics.create("orders", 1)).isInstanceOf(TopicExistsException.class);
        topics.delete("orders");
        assertThat(topics.exists("orders")).isFalse();
        assertThatThrownBy(() -> topics.describe("orders")).isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void alterConfigsSetsAndResets() {
        topics.create("t", 1, Map.of("retention.ms", "1000"));
        Map<String, String> changes = new HashMap<>();
        changes.put("segment.bytes", "1048576");
        changes.put("retention.ms", null);
        TopicDescription altered = topics.alterConfigs("t", changes);
        assertThat(altered.overrides()).containsExactly(Map.entry("segment.bytes", "1048576"));
        assertThat(altered.configs()).containsEntry("retention.ms", "604800000");
        assertThatThrownBy(() -> topics.alterConfigs("t", Map.of("no.such", "1")))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void increasePartitions() {
        topics.create("t", 1);
        assertThat(topics.increasePartitions("t", 4).partitions()).isEqualTo(4);
        assertThatThrownBy(() -> topics.increasePartitions("t", 2)).isInstanceOf(InvalidPartitionsException.class);
    }

    @Test
    void copartitionGroupsKeepCountsEqual() {
        topics.create("accounts", 2);
        topics.create("payments", 2);
        topics.create("other", 3);
        topics.declareCopartitioned("money", "accounts", "payments");
        assertThat(topics.copartitionedWith("accounts")).contains(Set.of("accounts", "payments"));
        assertThat(topics.copartitionedWith("other")).isEmpty();
        assertThatThrownBy(() -> topics.increasePartitions("accounts", 3)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> topics.declareCopartitioned("bad", "accounts", "other"))
                .isInstanceOf(RuntimeException.class);
        topics.increaseCopartitionedPartitions("money", 5);
        assertThat(topics.describe("accounts").partitions()).isEqualTo(5);
        assertThat(topics.describe("payments").partitions()).isEqualTo(5);
    }
}

package dev.brook.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopartitionTest {
    @TempDir
    Path dir;
    private PartitionStore store;

    @BeforeEach
    void open() {
        store = PartitionStore.open(PartitionStoreConfig.of(dir));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void copartitionedTopicsKeepTheirPartitionCountsEqual() {
        store.createTopic("orders", 4, 1, Map.of());
        store.createTopic("payments", 4, 1, Map.of());
        store.createTopic("other", 3, 1, Map.of());
        store.declareCopartitioned("checkout", List.of("orders", "payments"));
        assertThat(store.copartitionGroupOf("orders")).hasValue(Set.of("orders", "payments"));
        assertThat(store.copartitionGroupOf("other")).isEmpty();

        assertThatThrownBy(() -> store.createPartitions("orders", 6)).isInstanceOf(InvalidPartitionsException.class)
                .hasMessageContaining("copartitioned");
        assertThatThrownBy(() -> store.declareCopartitioned("checkout", List.of("other")))
                .isInstanceOf(InvalidPartitionsException.class);
        assertThatThrownBy(() -> store.declareCopartitioned("x", List.of("missing")))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThatThrownBy(() -> store.declareCopartitioned("second", List.of("orders")))
                .isInstanceOf(PolicyViolationException.class);

        store.increaseCopartitionedPartitions("checkout", 6);
        assertThat(store.describeTopic("orders").partitionCount()).isEqualTo(6);
        assertThat(store.describeTopic("payments").partitionCount()).isEqualTo(6);
        assertThatThrownBy(() -> store.increaseCopartitionedPartitions("checkout", 6))
                .isInstanceOf(InvalidPartitionsException.class);
        store.createPartitions("other", 5); // not in a group: free to change
    }

    @Test
    void groupsSurviveRestartAndDeletedTopicsLeaveThem() {
        store.createTopic("a", 2, 1, Map.of());
        store.createTopic("b", 2, 1, Map.of());
        store.createTopic("c", 2, 1, Map.of());
        store.declareCopartitioned("g", List.of("a", "b", "c"));
        store.close();
        store = PartitionStore.open(PartitionStoreConfig.of(dir));
        assertThat(store.copartitionGroupOf("b")).hasValue(Set.of("a", "b", "c"));
        store.deleteTopic("c");
        assertThat(store.copartitionGroupOf("a")).hasValue(Set.of("a", "b"));
        store.deleteTopic("b");
        assertThat(store.copartitionGroupOf("a")).as("a group of one is dissolved").isEmpty();
        store.createPartitions("a", 3);
    }
}

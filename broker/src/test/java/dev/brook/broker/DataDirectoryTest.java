package dev.brook.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.groups.GroupCoordinator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory on its own, and a broker serving one it did not open. */
class DataDirectoryTest {
    @TempDir
    Path dir;

    private BrokerConfig config() {
        return BrokerConfig.of(Map.of("log.dirs", dir.toString(), "listeners", "PLAINTEXT://127.0.0.1:0"));
    }

    @Test
    void isLockedWhileOpenAndKeepsItsIdentity() throws IOException {
        String clusterId;
        try (DataDirectory data = DataDirectory.open(config())) {
            clusterId = data.clusterId();
            assertThat(data.path()).isEqualTo(dir.toAbsolutePath().normalize());
            assertThatThrownBy(() -> DataDirectory.open(config())).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
            data.store().createTopic("t", 2, -1, Map.of());
        }
        try (DataDirectory again = DataDirectory.open(config())) {
            assertThat(again.clusterId()).isEqualTo(clusterId);
            // The group coordinator's internal topic is created when the directory is first opened.
            assertThat(again.store().topicNames()).containsExactlyInAnyOrder("t", GroupCoordinator.OFFSETS_TOPIC);
        }
    }

    @Test
    void aServingBrokerLeavesTheDirectoryToItsOpener() throws Exception {
        try (DataDirectory data = DataDirectory.open(config())) {
            Broker broker = Broker.serve(data, config());
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:").doesNotEndWith(":0");
            assertThat(broker.partitions()).isSameAs(data.store());
            broker.close();
            data.store().createTopic("after", 1, -1, Map.of());
            assertThat(data.store().topicNames()).containsExactlyInAnyOrder("after", GroupCoordinator.OFFSETS_TOPIC);
        }
        Broker owning = Broker.start(config());
        assertThatThrownBy(() -> DataDirectory.open(config())).isInstanceOf(IOException.class);
        owning.close();
        DataDirectory.open(config()).close();
    }
}

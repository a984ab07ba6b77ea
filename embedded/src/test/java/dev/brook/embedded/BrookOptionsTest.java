package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.broker.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrookOptionsTest {
    @Test
    void unknownAndInvalidSettingsAreNamed() {
        assertThatThrownBy(() -> BrookOptions.defaults().with("num.partition", "3"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("num.partition")
                .hasMessageContaining("did you mean num.partitions");
        assertThatThrownBy(() -> BrookOptions.defaults().with("log.segment.bytes", "12"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("log.segment.bytes");
    }

    @Test
    void directoryAndListenersAreBrooksOwn() {
        for (String name : new String[] {"log.dirs", "log.dir", "listeners", "advertised.listeners"}) {
            assertThatThrownBy(() -> BrookOptions.of(Map.of(name, "x")))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith(name);
        }
    }

    @Test
    void keepsWhatWasGivenAndIsImmutable() {
        BrookOptions base = BrookOptions.defaults();
        BrookOptions more = base.with("num.partitions", 6);
        assertThat(base.settings()).isEmpty();
        assertThat(more.settings()).containsExactly(Map.entry("num.partitions", "6"));
        assertThat(more.brokerConfig(java.nio.file.Path.of("d"), "PLAINTEXT://127.0.0.1:0").numPartitions())
                .isEqualTo(6);
    }
}

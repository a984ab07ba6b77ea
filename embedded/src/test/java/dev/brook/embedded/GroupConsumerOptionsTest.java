package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupConsumerOptionsTest {

    @Test
    void defaultsAreKafkas() {
        GroupConsumerOptions d = GroupConsumerOptions.defaults();
        assertThat(d.assignor()).isEqualTo("range");
        assertThat(d.sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(d.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.rebalanceTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.autoCommit()).isTrue();
        assertThat(d.autoCommitInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.resetTo()).isSameAs(StartPosition.latest());
        assertThat(d.groupInstanceId()).isEmpty();
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        GroupConsumerOptions d = GroupConsumerOptions.defaults();
        assertThatThrownBy(() -> d.withAssignor("cooperative-sticky")).hasMessageContaining("cooperative-sticky");
        assertThatThrownBy(() -> d.withHeartbeatInterval(Duration.ofMinutes(1))).hasMessageContaining("heartbeatInterval");
        assertThatThrownBy(() -> d.withSessionTimeout(Duration.ZERO)).hasMessageContaining("sessionTimeout");
        assertThatThrownBy(() -> d.withGroupInstanceId("")).hasMessageContaining("groupInstanceId");
        assertThat(d.withAssignor("sticky").withGroupInstanceId("i-1").toString())
                .contains("assignor=sticky", "groupInstanceId=i-1");
    }

    @Test
    void aGroupConsumerNeedsAGroupAndTopics() throws IOException {
        try (Brook brook = Brook.openTemporary()) {
            assertThatThrownBy(() -> brook.groupConsumer("", List.of("t"), Serdes.string(), Serdes.string()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> brook.groupConsumer("g", List.of(), Serdes.string(), Serdes.string()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

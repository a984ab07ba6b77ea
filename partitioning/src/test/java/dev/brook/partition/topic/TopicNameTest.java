package dev.brook.partition.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicNameTest {
    @Test
    void acceptsKafkasLegalNames() {
        for (String name : List.of("a", "orders", "A-b_c.d", "0", "...", ".a", "a..", "x".repeat(249))) {
            TopicName.validate(name);
            assertThat(TopicName.isValid(name)).as(name).isTrue();
        }
    }

    @Test
    void refusesEmptyDotsTooLongAndIllegalCharacters() {
        assertThatThrownBy(() -> TopicName.validate("")).isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> TopicName.validate(null)).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> TopicName.validate(".")).hasMessageContaining("\".\" or \"..\"");
        assertThatThrownBy(() -> TopicName.validate("..")).hasMessageContaining("\".\" or \"..\"");
        assertThatThrownBy(() -> TopicName.validate("x".repeat(250))).hasMessageContaining("249");
        for (String name : List.of("a b", "a/b", "a\\b", "é", "a:b", "a*", "a\n", "a+b")) {
            assertThatThrownBy(() -> TopicName.validate(name)).as(name).isInstanceOf(InvalidTopicException.class)
                    .hasMessageContaining("ASCII alphanumerics");
        }
    }

    @Test
    void reportsDotUnderscoreCollisions() {
        assertThat(TopicName.hasCollisionChars("a.b")).isTrue();
        assertThat(TopicName.hasCollisionChars("a_b")).isTrue();
        assertThat(TopicName.hasCollisionChars("a-b")).isFalse();
        assertThat(TopicName.collide("a.b", "a_b")).isTrue();
        assertThat(TopicName.collide("a.b", "a.b")).isFalse();
        assertThat(TopicName.collide("a.b", "a-b")).isFalse();
        assertThat(TopicName.collidingWith("x_y.z", List.of("other", "x.y_z"))).contains("x.y_z");
        assertThat(TopicName.collidingWith("plain", List.of("plain", "p"))).isEmpty();
    }

    @Test
    void topicPartitionNamesItsDirectory() {
        assertThat(new TopicPartition("orders", 3).dirName()).isEqualTo("orders-3");
        assertThatThrownBy(() -> new TopicPartition("orders", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}

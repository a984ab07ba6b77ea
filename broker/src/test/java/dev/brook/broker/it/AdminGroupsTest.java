package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka-clients Admin on groups: listGroups, describeConsumerGroups (DescribeGroups, the fallback when
 * ConsumerGroupDescribe is not advertised), listConsumerGroupOffsets (OffsetFetch for all topics),
 * deleteConsumerGroupOffsets (OffsetDelete) and deleteConsumerGroups (DeleteGroups), and internal topics hidden
 * from listTopics.
 */
class AdminGroupsTest {
    @TempDir
    Path dir;

    @Test
    void adminListsDescribesAndDeletesGroupsAndTheirOffsets() throws Exception {
        String group = "admin-group";
        TopicPartition tp0 = new TopicPartition("admin-topic", 0);
        TopicPartition tp1 = new TopicPartition("admin-topic", 1);
        try (TestBroker broker = TestBroker.start(dir, Map.of("group.initial.rebalance.delay.ms", "0"));
             Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("admin-topic", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsExactly("admin-topic");

            try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.CLIENT_ID_CONFIG, "admin-consumer"))) {
                consumer.subscribe(List.of("admin-topic"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (consumer.assignment().size() < 2 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(100));
                }
                assertThat(consumer.assignment()).containsExactlyInAnyOrder(tp0, tp1);
                consumer.commitSync(Map.of(tp0, new OffsetAndMetadata(3), tp1, new OffsetAndMetadata(5)));

                assertThat(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(30, TimeUnit.SECONDS))
                        .extracting(GroupListing::groupId).containsExactly(group);
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups()
                        .get(group).get(30, TimeUnit.SECONDS);
                assertThat(d.groupState()).isEqualTo(GroupState.STABLE);
                assertThat(d.partitionAssignor()).isEqualTo("range");
                assertThat(d.members()).singleElement().satisfies((MemberDescription m) -> {
                    assertThat(m.clientId()).isEqualTo("admin-consumer");
                    assertThat(m.assignment().topicPartitions()).containsExactlyInAnyOrder(tp0, tp1);
                });
                assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(GroupNotEmptyException.class);
            }

            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertThat(offsets).containsEntry(tp0, new OffsetAndMetadata(3))
                    .containsEntry(tp1, new OffsetAndMetadata(5));
            admin.deleteConsumerGroupOffsets(group, Set.of(tp0)).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)).containsOnlyKeys(tp1);

            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(30, TimeUnit.SECONDS))
                    .isEmpty();
        }
    }
}

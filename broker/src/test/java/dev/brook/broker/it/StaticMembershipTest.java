package dev.brook.broker.it;

import static dev.brook.broker.it.ConsumerGroupTest.TOPICS;
import static dev.brook.broker.it.ConsumerGroupTest.await;
import static dev.brook.broker.it.ConsumerGroupTest.createTopics;
import static dev.brook.broker.it.ConsumerGroupTest.groupSettings;
import static dev.brook.broker.it.ConsumerGroupTest.memberSettings;
import static dev.brook.broker.it.ConsumerGroupTest.ownedExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static membership ({@code group.instance.id}): a static member that restarts within its session timeout gets its
 * partitions back without a rebalance, so the other member never sees its partitions revoked or reassigned.
 */
class StaticMembershipTest {
    @TempDir
    Path dir;

    private static Map<String, Object> staticMember(String group, String instance) {
        Map<String, Object> m = new HashMap<>(memberSettings(group, "range"));
        m.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance);
        // Long enough that the restart below always falls inside it; a static member sends no LeaveGroup on close.
        m.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 60_000);
        return m;
    }

    @Test
    void aRestartedStaticMemberKeepsItsAssignmentWithoutARebalance() throws Exception {
        String group = "static-group";
        try (TestBroker broker = TestBroker.start(dir, groupSettings())) {
            createTopics(broker);
            Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
            Set<String> uncommitted = ConcurrentHashMap.newKeySet();
            List<GroupMember> members = new ArrayList<>();
            try {
                members.add(new GroupMember("static-a", broker.consumer(staticMember(group, "instance-a")), TOPICS,
                        processed, uncommitted));
                members.add(new GroupMember("static-b", broker.consumer(staticMember(group, "instance-b")), TOPICS,
                        processed, uncommitted));
                await("both static members own every partition exactly once, each some",
                        () -> ownedExactlyOnce(members) && members.stream().noneMatch(m -> m.assignment().isEmpty()));
                GroupMember stays = members.get(1);
                Set<TopicPartition> keptByB = stays.assignment();
                int callbacksBefore = stays.rebalanceCallbacks();

                GroupMember a = members.get(0);
                Set<TopicPartition> heldByA = a.assignment();
                a.close(); // a static member's close sends no LeaveGroup
                GroupMember restarted = new GroupMember("static-a-again",
                        broker.consumer(staticMember(group, "instance-a")), TOPICS, processed, uncommitted);
                members.set(0, restarted);
                await("the restarted instance-a owns its partitions again", () -> !restarted.assignment().isEmpty());

                assertThat(restarted.assignment()).as("instance-a's partitions after its restart").isEqualTo(heldByA);
                assertThat(stays.assignment()).isEqualTo(keptByB);
                assertThat(stays.rebalanceCallbacks()).as("the other member saw no rebalance")
                        .isEqualTo(callbacksBefore);
            } finally {
                for (GroupMember m : members) {
                    m.close();
                }
            }
        }
    }
}

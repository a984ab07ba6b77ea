package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.partition.topic.TopicPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupConsumerTest {
    /** Only a bound for waiting on something that must happen; never a speed assertion. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** No initial rebalance delay: members joining together are still all waited for (they poll at once). */
    private static final BrookOptions OPTIONS = BrookOptions.defaults().with("group.initial.rebalance.delay.ms", 0);

    private final AtomicLong sequence = new AtomicLong();
    private final Queue<PollingMember.Event> events = new ConcurrentLinkedQueue<>();
    private final List<PollingMember> members = new ArrayList<>();
    private Brook brook;

    @AfterEach
    void closeAll() throws Exception {
        for (PollingMember member : members) {
            member.close();
        }
        if (brook != null) {
            brook.close();
        }
    }

    private PollingMember join(String name, String group, List<String> topics, GroupConsumerOptions options) {
        PollingMember member = new PollingMember(brook, name, group, topics, options, sequence, events);
        members.add(member);
        return member;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited too long for: " + what).isNegative();
            Thread.sleep(20);
        }
    }

    private static Set<TopicPartition> partitionsOf(Map<String, Integer> topics) {
        Set<TopicPartition> all = new HashSet<>();
        topics.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                all.add(new TopicPartition(topic, p));
            }
        });
        return all;
    }

    /** Whether the members' assignments are disjoint and cover exactly {@code all}, none failed. */
    private static boolean ownExactlyOnce(List<PollingMember> group, Set<TopicPartition> all) {
        List<TopicPartition> owned = new ArrayList<>();
        for (PollingMember m : group) {
            assertThat(m.failure.get()).as(m.name + " failed").isNull();
            owned.addAll(m.owned.keySet());
        }
        return owned.size() == all.size() && new HashSet<>(owned).equals(all);
    }

    @Test
    void membersShareEveryPartitionOnceAndAClosedMembersPartitionsMoveWithCallbacks() throws Exception {
        brook = Brook.openTemporary(OPTIONS);
        Map<String, Integer> topics = Map.of("a", 4, "b", 3);
        topics.forEach(brook.topics()::create);
        Set<TopicPartition> all = partitionsOf(topics);
        GroupConsumerOptions options = GroupConsumerOptions.defaults().withAssignor("roundrobin");
        PollingMember first = join("m1", "g", List.of("a", "b"), options);
        PollingMember second = join("m2", "g", List.of("a", "b"), options);
        PollingMember third = join("m3", "g", List.of("a", "b"), options);
        List<PollingMember> three = List.of(first, second, third);
        await("three members own every partition once, each some",
                () -> ownExactlyOnce(three, all) && three.stream().noneMatch(m -> m.owned.isEmpty()));
        assertThat(brook.groupCoordinator().describeGroup("g").members()).hasSize(3);

        Set<TopicPartition> thirdHad = Set.copyOf(third.owned.keySet());
        long beforeLeave = sequence.get();
        members.remove(third);
        third.close();
        List<PollingMember> two = List.of(first, second);
        await("the two left own every partition once", () -> ownExactlyOnce(two, all));

        List<PollingMember.Event> after = events.stream().filter(e -> e.sequence() > beforeLeave).toList();
        assertThat(after).filteredOn(e -> e.member().equals("m3")).singleElement()
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo("revoked");
                    assertThat(e.partitions()).containsExactlyInAnyOrderElementsOf(thirdHad);
                });
        long lastRevoke = after.stream().filter(e -> e.kind().equals("revoked"))
                .mapToLong(PollingMember.Event::sequence).max().orElseThrow();
        List<PollingMember.Event> assigned = after.stream().filter(e -> e.kind().equals("assigned")).toList();
        assertThat(assigned).extracting(PollingMember.Event::member).containsExactlyInAnyOrder("m1", "m2");
        assertThat(assigned).allSatisfy(e -> assertThat(e.sequence()).as("assigned after every revoke: " + after)
                .isGreaterThan(lastRevoke));
        assertThat(after).filteredOn(e -> e.kind().equals("revoked")).extracting(PollingMember.Event::member)
                .contains("m1", "m2", "m3");
        Set<TopicPartition> moved = new HashSet<>();
        assigned.forEach(e -> moved.addAll(e.partitions()));
        assertThat(moved).containsAll(thirdHad);
    }

    @Test
    void committedOffsetsAreWhereAReopenedMemberResumes(@TempDir Path dir) throws Exception {
        brook = Brook.open(dir, OPTIONS);
        brook.topics().create("t", 2);
        try (Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string())) {
            for (int i = 0; i < 10; i++) {
                producer.sendSync("t", "k" + i, "first-" + i);
            }
        }
        GroupConsumerOptions options = GroupConsumerOptions.defaults().withAutoCommit(false, Duration.ofSeconds(5))
                .withResetTo(StartPosition.earliest());
        List<BrookRecord<String, String>> got = new ArrayList<>();
        try (GroupConsumer<String, String> consumer = brook.groupConsumer("resume", List.of("t"), Serdes.string(),
                Serdes.string(), options, RebalanceListener.NONE)) {
            await("the first ten records", () -> {
                got.addAll(consumer.poll(Duration.ofMillis(100)));
                return got.size() >= 10;
            });
            assertThat(consumer.assignment()).containsExactly(new TopicPartition("t", 0), new TopicPartition("t", 1));
            consumer.commitSync();
        }
        assertThat(got).extracting(BrookRecord::value).allMatch(v -> v.startsWith("first-")).hasSize(10);
        assertThat(brook.groupCoordinator().lag("resume")).allSatisfy(lag -> assertThat(lag.lag()).isZero());

        try (Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string())) {
            for (int i = 0; i < 5; i++) {
                producer.sendSync("t", "k" + i, "second-" + i);
            }
        }
        List<BrookRecord<String, String>> again = new ArrayList<>();
        try (GroupConsumer<String, String> consumer = brook.groupConsumer("resume", List.of("t"), Serdes.string(),
                Serdes.string(), options, RebalanceListener.NONE)) {
            await("the five records after the commit", () -> {
                again.addAll(consumer.poll(Duration.ofMillis(100)));
                return again.size() >= 5;
            });
            assertThat(consumer.poll(Duration.ofMillis(200))).as("nothing before the committed offsets").isEmpty();
        }
        assertThat(again).extracting(BrookRecord::value)
                .containsExactlyInAnyOrder("second-0", "second-1", "second-2", "second-3", "second-4");
    }

    @Test
    void rangeAssignsCopartitionedTopicsTogether() throws Exception {
        brook = Brook.openTemporary(OPTIONS);
        brook.topics().create("orders", 4);
        brook.topics().create("payments", 4);
        brook.topics().declareCopartitioned("shop", "orders", "payments");
        GroupConsumerOptions range = GroupConsumerOptions.defaults().withAssignor("range");
        // Kafka's plain range would deal orders over three members and payments over two, splitting partition i;
        // Brook's deals the copartitioned pair to the two members reading both.
        PollingMember both1 = join("both-1", "shop-group", List.of("orders", "payments"), range);
        PollingMember ordersOnly = join("orders-only", "shop-group", List.of("orders"), range);
        PollingMember both2 = join("both-2", "shop-group", List.of("orders", "payments"), range);
        List<PollingMember> group = List.of(both1, ordersOnly, both2);
        Set<TopicPartition> all = partitionsOf(Map.of("orders", 4, "payments", 4));
        await("every partition owned once", () -> ownExactlyOnce(group, all)
                && !both1.owned.isEmpty() && !both2.owned.isEmpty());
        Map<TopicPartition, String> owner = new HashMap<>();
        group.forEach(m -> m.owned.keySet().forEach(tp -> owner.put(tp, m.name)));
        for (int i = 0; i < 4; i++) {
            assertThat(owner.get(new TopicPartition("payments", i))).as("partition " + i + " of " + owner)
                    .isEqualTo(owner.get(new TopicPartition("orders", i)));
        }
        assertThat(ordersOnly.owned).isEmpty();
    }

    @Test
    void membersOfOneGroupMustUseTheSameAssignor() throws Exception {
        brook = Brook.openTemporary(OPTIONS);
        brook.topics().create("t", 2);
        PollingMember ranged = join("range", "mixed", List.of("t"), GroupConsumerOptions.defaults());
        await("the first member owns both partitions", () -> ranged.owned.size() == 2);
        try (GroupConsumer<String, String> sticky = brook.groupConsumer("mixed", List.of("t"), Serdes.string(),
                Serdes.string(), GroupConsumerOptions.defaults().withAssignor("sticky"), RebalanceListener.NONE)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sticky.poll(PATIENCE))
                    .isInstanceOf(GroupMembershipException.class)
                    .extracting(e -> ((GroupMembershipException) e).error())
                    .isEqualTo(dev.brook.groups.GroupError.INCONSISTENT_GROUP_PROTOCOL);
        }
    }

    @Test
    void committedOffsetsSurviveReopeningBrook(@TempDir Path dir) throws Exception {
        brook = Brook.open(dir, OPTIONS);
        brook.topics().create("t", 3);
        try (Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string())) {
            for (int i = 0; i < 30; i++) {
                producer.sendSync("t", "k" + i, "v" + i);
            }
        }
        GroupConsumerOptions options = GroupConsumerOptions.defaults().withResetTo(StartPosition.earliest());
        Map<TopicPartition, Long> committed = new HashMap<>();
        try (GroupConsumer<String, String> consumer = brook.groupConsumer("durable", List.of("t"), Serdes.string(),
                Serdes.string(), options, RebalanceListener.NONE)) {
            List<BrookRecord<String, String>> got = new ArrayList<>();
            await("some records", () -> {
                got.addAll(consumer.poll(Duration.ofMillis(100)));
                return !got.isEmpty();
            });
            consumer.assignment().forEach(tp -> committed.put(tp, consumer.position(tp)));
        } // auto commit on close
        brook.close();

        brook = Brook.open(dir, OPTIONS);
        try (GroupConsumer<String, String> consumer = brook.groupConsumer("durable", List.of("t"), Serdes.string(),
                Serdes.string(), options, RebalanceListener.NONE)) {
            await("the member rejoined", () -> {
                consumer.poll(Duration.ofMillis(100));
                return consumer.assignment().size() == 3;
            });
            committed.forEach((tp, offset) -> assertThat(consumer.position(tp)).as(tp.toString()).isEqualTo(offset));
        }
    }

    @Test
    void stickyKeepsTheRemainingMembersPartitionsWhenOneLeaves() throws Exception {
        brook = Brook.openTemporary(OPTIONS);
        brook.topics().create("s", 9);
        GroupConsumerOptions sticky = GroupConsumerOptions.defaults().withAssignor("sticky");
        PollingMember a = join("a", "sticky-group", List.of("s"), sticky);
        PollingMember b = join("b", "sticky-group", List.of("s"), sticky);
        PollingMember c = join("c", "sticky-group", List.of("s"), sticky);
        Set<TopicPartition> all = partitionsOf(Map.of("s", 9));
        await("three members, three partitions each", () -> ownExactlyOnce(List.of(a, b, c), all)
                && a.owned.size() == 3 && b.owned.size() == 3 && c.owned.size() == 3);
        Set<TopicPartition> aHad = Set.copyOf(a.owned.keySet());
        Set<TopicPartition> bHad = Set.copyOf(b.owned.keySet());
        members.remove(c);
        c.close();
        await("two members own everything", () -> ownExactlyOnce(List.of(a, b), all));
        assertThat(a.owned.keySet()).containsAll(aHad).hasSizeBetween(4, 5);
        assertThat(b.owned.keySet()).containsAll(bHad).hasSizeBetween(4, 5);
    }

    @Test
    void aStaticMemberRestartedWithinTheSessionGetsItsPartitionsBackWithoutARebalance() throws Exception {
        brook = Brook.openTemporary(OPTIONS);
        brook.topics().create("st", 4);
        GroupConsumerOptions base = GroupConsumerOptions.defaults();
        PollingMember dynamic = join("dynamic", "static-group", List.of("st"), base);
        PollingMember fixed = join("fixed", "static-group", List.of("st"), base.withGroupInstanceId("instance-1"));
        Set<TopicPartition> all = partitionsOf(Map.of("st", 4));
        await("both own two", () -> ownExactlyOnce(List.of(dynamic, fixed), all) && fixed.owned.size() == 2);
        Set<TopicPartition> fixedHad = Set.copyOf(fixed.owned.keySet());
        long before = sequence.get();
        members.remove(fixed);
        fixed.close(); // a static member does not leave the group
        PollingMember restarted = join("restarted", "static-group", List.of("st"),
                base.withGroupInstanceId("instance-1"));
        await("the restarted member owns what it had", () -> restarted.owned.keySet().equals(fixedHad));
        assertThat(events).filteredOn(e -> e.sequence() > before && e.member().equals("dynamic"))
                .as("the other member saw no rebalance").isEmpty();
    }

    @Test
    void everyRecordIsDeliveredAtLeastOnceWhileMembersComeAndGo() throws Exception {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        brook = Brook.openTemporary(OPTIONS);
        brook.topics().create("work", 6);
        GroupConsumerOptions options = GroupConsumerOptions.defaults().withResetTo(StartPosition.earliest())
                .withAutoCommit(true, Duration.ofMillis(50));
        PollingMember first = join("w1", "workers", List.of("work"), options);
        PollingMember second = join("w2", "workers", List.of("work"), options);
        int total = 600;
        try (Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string())) {
            for (int i = 0; i < total; i++) {
                producer.sendSync("work", "key-" + random.nextInt(1000), "job-" + i);
                if (i == total / 3) {
                    join("w3", "workers", List.of("work"), options);
                }
                if (i == 2 * total / 3) {
                    members.remove(first);
                    first.close();
                }
            }
        }
        await("every job seen, seed=" + seed, () -> {
            Set<String> seen = new HashSet<>();
            first.records.forEach(r -> seen.add(r.value()));
            members.forEach(m -> m.records.forEach(r -> seen.add(r.value())));
            return seen.size() == total;
        });
        for (PollingMember m : members) {
            assertThat(m.failure.get()).as(m.name + " seed=" + seed).isNull();
        }
        assertThat(first.failure.get()).as("w1 seed=" + seed).isNull();
    }

    @Test
    void aMemberRemovedByTheCoordinatorGetsOnLostAndRejoins() throws Exception {
        brook = Brook.openTemporary(OPTIONS);
        brook.topics().create("l", 2);
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        RebalanceListener recording = new RebalanceListener() {
            @Override
            public void onRevoked(java.util.Collection<TopicPartition> partitions) {
                calls.add("revoked " + partitions);
            }

            @Override
            public void onAssigned(java.util.Collection<TopicPartition> partitions) {
                calls.add("assigned " + partitions);
            }

            @Override
            public void onLost(java.util.Collection<TopicPartition> partitions) {
                calls.add("lost " + partitions);
            }
        };
        GroupConsumerOptions fastHeartbeat = GroupConsumerOptions.defaults()
                .withHeartbeatInterval(Duration.ofMillis(100));
        try (GroupConsumer<String, String> consumer = brook.groupConsumer("lost", List.of("l"), Serdes.string(),
                Serdes.string(), fastHeartbeat, recording)) {
            await("assigned", () -> {
                consumer.poll(Duration.ofMillis(50));
                return consumer.assignment().size() == 2;
            });
            String removed = consumer.memberId();
            // As an admin's "remove member" (or an expired session) would: the member learns it on a heartbeat.
            brook.groupCoordinator().leaveGroup("lost",
                    List.of(new dev.brook.groups.MemberIdentity(removed, null)));
            await("rejoined under a new member id", () -> {
                consumer.poll(Duration.ofMillis(50));
                return !consumer.memberId().equals(removed) && consumer.assignment().size() == 2;
            });
            assertThat(calls).containsExactly("assigned [l-0, l-1]", "lost [l-0, l-1]", "assigned [l-0, l-1]");
        }
    }

    @Test
    void membersRejoinWhenASubscribedTopicGrows() throws Exception {
        brook = Brook.openTemporary(OPTIONS);
        brook.topics().create("grow", 2);
        GroupConsumerOptions options = GroupConsumerOptions.defaults().withHeartbeatInterval(Duration.ofMillis(200));
        PollingMember one = join("one", "growing", List.of("grow"), options);
        PollingMember two = join("two", "growing", List.of("grow"), options);
        await("two partitions shared", () -> ownExactlyOnce(List.of(one, two), partitionsOf(Map.of("grow", 2)))
                && one.owned.size() == 1);
        brook.topics().increasePartitions("grow", 6);
        await("six partitions shared", () -> ownExactlyOnce(List.of(one, two), partitionsOf(Map.of("grow", 6)))
                && one.owned.size() == 3);
    }

    @Test
    void commitAsyncCommitsThePositions() throws Exception {
        brook = Brook.openTemporary(OPTIONS);
        brook.topics().create("async", 1);
        try (Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string())) {
            for (int i = 0; i < 3; i++) {
                producer.sendSync("async", "k", "v" + i);
            }
        }
        GroupConsumerOptions manual = GroupConsumerOptions.defaults().withAutoCommit(false, Duration.ofSeconds(5))
                .withResetTo(StartPosition.earliest());
        try (GroupConsumer<String, String> consumer = brook.groupConsumer("async-group", List.of("async"),
                Serdes.string(), Serdes.string(), manual, RebalanceListener.NONE)) {
            List<BrookRecord<String, String>> got = new ArrayList<>();
            await("three records", () -> {
                got.addAll(consumer.poll(Duration.ofMillis(100)));
                return got.size() == 3;
            });
            consumer.commitAsync().get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(brook.groupCoordinator().fetchOffsets("async-group", List.of(new TopicPartition("async", 0)))
                .offsets().get(new TopicPartition("async", 0)).offset()).isEqualTo(3);
    }
}

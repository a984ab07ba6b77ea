package dev.brook.groups.assignor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.partition.topic.TopicPartition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every assignor must have, checked on seeded random groups ({@code -Dbrook.seed=N} to replay). */
class AssignorPropertiesTest {
    private static final int TRIALS = 400;

    static List<Assignor> assignors() {
        return Assignor.builtIn();
    }

    @ParameterizedTest
    @MethodSource("assignors")
    void everySubscribedPartitionIsAssignedExactlyOnceToASubscriber(Assignor assignor) {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            RandomGroup group = RandomGroup.generate(random);
            Map<String, List<TopicPartition>> result = group.assignWith(assignor);
            String context = assignor.name() + " seed=" + seed + " trial=" + trial + " input=" + group
                    + " result=" + result;

            assertThat(result.keySet()).as(context).isEqualTo(group.members().keySet());
            Map<TopicPartition, String> owner = new HashMap<>();
            result.forEach((member, partitions) -> partitions.forEach(tp -> {
                assertThat(owner.put(tp, member)).as("%s assigned twice in %s", tp, context).isNull();
                assertThat(group.members().get(member).topics()).as("%s given to a non-subscriber in %s", tp, context)
                        .contains(tp.topic());
            }));
            assertThat(owner.keySet()).as(context).isEqualTo(group.subscribedPartitions());
        }
    }

    @ParameterizedTest
    @MethodSource("assignors")
    void sameInputGivesSameOutputWhateverTheMapOrder(Assignor assignor) {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            RandomGroup group = RandomGroup.generate(random);
            Map<String, List<TopicPartition>> first = group.assignWith(assignor);
            Map<String, List<TopicPartition>> again = group.shuffled(random)
                    .assignWith(Assignor.builtIn(assignor.name()).orElseThrow());
            assertThat(again).as("%s seed=%d trial=%d input=%s", assignor.name(), seed, trial, group)
                    .isEqualTo(first);
            for (List<TopicPartition> list : first.values()) {
                assertThat(list).as("sorted, seed=%d trial=%d", seed, trial)
                        .isSortedAccordingTo(AssignmentProblem.PARTITION_ORDER);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("assignors")
    void balancedWithinOneWhenSubscriptionsAreEqual(Assignor assignor) {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            RandomGroup group = RandomGroup.generate(random);
            if (!group.equalSubscriptions()) {
                continue;
            }
            Map<String, List<TopicPartition>> result = group.assignWith(assignor);
            String context = assignor.name() + " seed=" + seed + " trial=" + trial + " input=" + group
                    + " result=" + result;
            if (assignor instanceof RangeAssignor) {
                // Range balances each topic (each copartition unit) on its own, as Kafka's does.
                for (String topic : group.partitionCounts().keySet()) {
                    assertThat(spread(result, tp -> tp.topic().equals(topic))).as(topic + " in " + context)
                            .isLessThanOrEqualTo(1);
                }
            } else {
                assertThat(spread(result, tp -> true)).as(context).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void rangeKeepsCopartitionedTopicsTogether() {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        Assignor range = new RangeAssignor();
        int checkedUnits = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            RandomGroup group = RandomGroup.generate(random);
            Map<String, List<TopicPartition>> result = group.assignWith(range);
            Map<TopicPartition, String> owner = owners(result);
            for (Set<String> copartitioned : group.copartitionGroups()) {
                SortedSet<String> unit = new TreeSet<>(copartitioned);
                unit.removeIf(topic -> group.members().values().stream().noneMatch(s -> s.topics().contains(topic)));
                boolean someoneReadsAll = group.members().values().stream()
                        .anyMatch(s -> s.topics().containsAll(unit));
                if (unit.size() < 2 || !someoneReadsAll) {
                    continue;
                }
                checkedUnits++;
                int count = group.partitionCounts().get(unit.first());
                for (int i = 0; i < count; i++) {
                    Set<String> owners = new HashSet<>();
                    for (String topic : unit) {
                        owners.add(owner.get(new TopicPartition(topic, i)));
                    }
                    assertThat(owners).as("partition %d of %s, seed=%d trial=%d input=%s result=%s", i, unit, seed,
                            trial, group, result).hasSize(1);
                    assertThat(group.members().get(owners.iterator().next()).topics())
                            .as("owner reads the whole unit, seed=%d trial=%d", seed, trial).containsAll(unit);
                }
            }
        }
        assertThat(checkedUnits).as("the generator makes copartitioned units, seed=%d", seed).isPositive();
    }

    @Test
    void stickyKeepsWhatItCanAndMovesTheMinimum() {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        Assignor sticky = new StickyAssignor();
        for (int trial = 0; trial < TRIALS; trial++) {
            RandomGroup group = RandomGroup.generate(random);
            if (!group.equalSubscriptions() || group.conflictingOwnership()) {
                continue;
            }
            Map<String, List<TopicPartition>> result = group.assignWith(sticky);
            String context = "seed=" + seed + " trial=" + trial + " input=" + group + " result=" + result;
            Set<TopicPartition> all = group.subscribedPartitions();
            int members = group.members().size();
            int floor = all.size() / members;
            int ceilSlots = all.size() % members;
            int movedLowerBound = 0;
            int surplusMembers = 0;
            int moved = 0;
            for (var entry : group.members().entrySet()) {
                Set<TopicPartition> stillValid = new HashSet<>(entry.getValue().ownedPartitions());
                stillValid.retainAll(all);
                Set<TopicPartition> kept = new HashSet<>(stillValid);
                kept.retainAll(result.get(entry.getKey()));
                if (stillValid.size() <= floor) {
                    assertThat(kept).as("%s is not over quota and keeps all it owned, %s", entry.getKey(), context)
                            .isEqualTo(stillValid);
                }
                moved += stillValid.size() - kept.size();
                movedLowerBound += Math.max(0, stillValid.size() - floor);
                surplusMembers += stillValid.size() > floor ? 1 : 0;
            }
            movedLowerBound -= Math.min(ceilSlots, surplusMembers);
            assertThat(moved).as("partitions moved away from a present owner, %s", context)
                    .isEqualTo(movedLowerBound);
        }
    }

    private static int spread(Map<String, List<TopicPartition>> result,
            java.util.function.Predicate<TopicPartition> counted) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (List<TopicPartition> partitions : result.values()) {
            int n = (int) partitions.stream().filter(counted).count();
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        return max - min;
    }

    private static Map<TopicPartition, String> owners(Map<String, List<TopicPartition>> result) {
        Map<TopicPartition, String> owner = new HashMap<>();
        result.forEach((member, partitions) -> partitions.forEach(tp -> owner.put(tp, member)));
        return owner;
    }
}

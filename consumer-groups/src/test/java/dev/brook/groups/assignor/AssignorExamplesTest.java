package dev.brook.groups.assignor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.partition.topic.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Small worked examples of each assignor's documented behaviour. */
class AssignorExamplesTest {

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    @Test
    void rangeGivesTheFirstMembersTheExtraPartitions() {
        var result = new RangeAssignor().assign(Map.of(
                "c", MemberSubscription.of(Set.of("t")),
                "a", MemberSubscription.of(Set.of("t")),
                "b", MemberSubscription.of(Set.of("t"))), Map.of("t", 7), List.of());
        assertThat(result).containsExactly(
                Map.entry("a", List.of(tp("t", 0), tp("t", 1), tp("t", 2))),
                Map.entry("b", List.of(tp("t", 3), tp("t", 4))),
                Map.entry("c", List.of(tp("t", 5), tp("t", 6))));
    }

    @Test
    void rangeDealsACopartitionedUnitOnlyToMembersReadingAllOfIt() {
        var result = new RangeAssignor().assign(Map.of(
                "a", MemberSubscription.of(Set.of("orders", "payments")),
                "b", MemberSubscription.of(Set.of("orders")),
                "c", MemberSubscription.of(Set.of("orders", "payments", "audit"))),
                Map.of("orders", 3, "payments", 3, "audit", 2), List.of(Set.of("orders", "payments")));
        assertThat(result).containsExactly(
                Map.entry("a", List.of(tp("orders", 0), tp("orders", 1), tp("payments", 0), tp("payments", 1))),
                Map.entry("b", List.of()),
                Map.entry("c", List.of(tp("audit", 0), tp("audit", 1), tp("orders", 2), tp("payments", 2))));
    }

    @Test
    void rangeFallsBackToPerTopicWhenNobodyReadsTheWholeUnit() {
        var result = new RangeAssignor().assign(Map.of(
                "a", MemberSubscription.of(Set.of("orders")),
                "b", MemberSubscription.of(Set.of("payments"))),
                Map.of("orders", 2, "payments", 2), List.of(Set.of("orders", "payments")));
        assertThat(result).containsExactly(
                Map.entry("a", List.of(tp("orders", 0), tp("orders", 1))),
                Map.entry("b", List.of(tp("payments", 0), tp("payments", 1))));
    }

    @Test
    void roundRobinSkipsMembersNotSubscribed() {
        var result = new RoundRobinAssignor().assign(Map.of(
                "a", MemberSubscription.of(Set.of("x", "y")),
                "b", MemberSubscription.of(Set.of("y"))), Map.of("x", 2, "y", 2), List.of());
        assertThat(result).containsExactly(
                Map.entry("a", List.of(tp("x", 0), tp("x", 1), tp("y", 1))),
                Map.entry("b", List.of(tp("y", 0))));
    }

    @Test
    void stickyMovesOnlyTheDepartedMembersPartitions() {
        var result = new StickyAssignor().assign(Map.of(
                "a", new MemberSubscription(Set.of("t"), Set.of(tp("t", 0), tp("t", 3))),
                "c", new MemberSubscription(Set.of("t"), Set.of(tp("t", 2), tp("t", 5)))),
                Map.of("t", 6), List.of());
        // b, which owned 1 and 4, left: a and c keep theirs and split b's.
        assertThat(result).containsExactly(
                Map.entry("a", List.of(tp("t", 0), tp("t", 1), tp("t", 3))),
                Map.entry("c", List.of(tp("t", 2), tp("t", 4), tp("t", 5))));
    }

    @Test
    void stickyGivesANewMemberPartitionsFromTheMostLoaded() {
        var result = new StickyAssignor().assign(Map.of(
                "a", new MemberSubscription(Set.of("t"), Set.of(tp("t", 0), tp("t", 1), tp("t", 2))),
                "b", new MemberSubscription(Set.of("t"), Set.of(tp("t", 3), tp("t", 4), tp("t", 5))),
                "c", MemberSubscription.of(Set.of("t"))),
                Map.of("t", 6), List.of());
        assertThat(result.get("a")).hasSize(2).isSubsetOf(tp("t", 0), tp("t", 1), tp("t", 2));
        assertThat(result.get("b")).hasSize(2).isSubsetOf(tp("t", 3), tp("t", 4), tp("t", 5));
        assertThat(result.get("c")).hasSize(2);
    }

    @Test
    void topicsThatDoNotExistAreIgnored() {
        for (Assignor assignor : Assignor.builtIn()) {
            var result = assignor.assign(Map.of("a", MemberSubscription.of(Set.of("gone"))), Map.of(), List.of());
            assertThat(result).as(assignor.name()).containsExactly(Map.entry("a", List.of()));
        }
    }
}

package dev.brook.groups;

import static dev.brook.groups.Members.REBALANCE_MS;
import static dev.brook.groups.Members.SESSION_MS;
import static dev.brook.groups.Members.join;
import static dev.brook.groups.Members.joinStatic;
import static dev.brook.groups.Members.now;
import static dev.brook.groups.Members.range;
import static dev.brook.groups.Members.sync;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.partition.PartitionStore;
import dev.brook.partition.PartitionStoreConfig;
import dev.brook.partition.topic.TopicPartition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classic protocol state machine, driven by a manual clock (no timer thread). */
class GroupCoordinatorTest {
    private static final String G = "g";
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition U0 = new TopicPartition("u", 0);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_000_000);
    private PartitionStore store;
    private GroupCoordinator c;

    @BeforeEach
    void open() {
        store = PartitionStore.open(PartitionStoreConfig.of(dir).withClock(clock));
        store.createTopic("t", 2, 1, Map.of());
        store.createTopic("u", 1, 1, Map.of());
        c = GroupCoordinator.open(store, GroupConfig.defaults().withInitialRebalanceDelayMs(0).withTimerTickMs(0),
                clock);
    }

    @AfterEach
    void close() {
        c.close();
        store.close();
    }

    private void tick(long ms) {
        clock.advance(ms);
        c.runTimers();
    }

    /** Two members in a Stable generation 2: a leader and a follower. */
    private JoinResult[] stableGroupOfTwo() {
        JoinResult a = now(c.joinGroup(join(G, "", range("t"))));
        CompletableFuture<JoinResult> b = c.joinGroup(join(G, "", range("t")));
        JoinResult a2 = now(c.joinGroup(join(G, a.memberId(), range("t"))));
        JoinResult b2 = now(b);
        CompletableFuture<SyncResult> bs = c.syncGroup(sync(G, b2, Map.of()));
        assertThat(bs).isNotDone();
        now(c.syncGroup(sync(G, a2, Map.of(a2.memberId(), new byte[] {1}, b2.memberId(), new byte[] {2}))));
        assertThat(now(bs).assignment()).containsExactly(2);
        return new JoinResult[] {a2, b2};
    }

    @Test
    void firstMemberLeadsAndSecondJoinTriggersARebalance() {
        JoinResult[] ab = stableGroupOfTwo();
        assertThat(ab[0].isLeader()).isTrue();
        assertThat(ab[0].members()).hasSize(2);
        assertThat(ab[1].isLeader()).isFalse();
        assertThat(ab[1].members()).isEmpty();
        assertThat(ab[0].generationId()).isEqualTo(2);
        assertThat(ab[0].protocolName()).isEqualTo("range");
        assertThat(c.describeGroup(G).state()).isEqualTo(GroupState.STABLE);
        assertThat(c.describeGroup(G).members()).extracting(GroupDescription.MemberDescription::assignment)
                .containsExactlyInAnyOrder(new byte[] {1}, new byte[] {2});
    }

    @Test
    void heartbeatAnswersRebalanceInProgressWhileMembersRejoin() {
        JoinResult[] ab = stableGroupOfTwo();
        assertThat(c.heartbeat(G, ab[1].memberId(), null, 2)).isEqualTo(GroupError.NONE);
        CompletableFuture<JoinResult> third = c.joinGroup(join(G, "", range("t")));
        assertThat(c.describeGroup(G).state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(c.heartbeat(G, ab[1].memberId(), null, 2)).isEqualTo(GroupError.REBALANCE_IN_PROGRESS);
        assertThat(c.heartbeat(G, ab[1].memberId(), null, 1)).isEqualTo(GroupError.ILLEGAL_GENERATION);
        assertThat(c.heartbeat(G, "nobody", null, 2)).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
        assertThat(now(c.syncGroup(sync(G, ab[1], Map.of()))).error()).isEqualTo(GroupError.REBALANCE_IN_PROGRESS);
        CompletableFuture<JoinResult> a = c.joinGroup(join(G, ab[0].memberId(), range("t")));
        assertThat(a).isNotDone();
        JoinResult b = now(c.joinGroup(join(G, ab[1].memberId(), range("t"))));
        assertThat(b.generationId()).isEqualTo(3);
        assertThat(now(a).members()).hasSize(3);
        assertThat(now(third).generationId()).isEqualTo(3);
        assertThat(c.heartbeat(G, b.memberId(), null, 3)).isEqualTo(GroupError.NONE);
    }

    @Test
    void joinCompletesAtTheRebalanceTimeoutWithoutMembersThatDidNotRejoin() {
        JoinResult[] ab = stableGroupOfTwo();
        CompletableFuture<JoinResult> a = c.joinGroup(join(G, ab[0].memberId(), range("t")));
        // The follower keeps heartbeating but never rejoins.
        for (int waited = 0; waited < REBALANCE_MS - 5000; waited += 5000) {
            tick(5000);
            assertThat(c.heartbeat(G, ab[1].memberId(), null, 2)).isEqualTo(GroupError.REBALANCE_IN_PROGRESS);
        }
        tick(4999);
        assertThat(a).isNotDone();
        tick(1);
        JoinResult result = now(a);
        assertThat(result.generationId()).isEqualTo(3);
        assertThat(result.members()).extracting(JoinResult.JoinedMember::memberId)
                .containsExactly(ab[0].memberId());
        assertThat(c.heartbeat(G, ab[1].memberId(), null, 3)).isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
    }

    @Test
    void leavingMemberTriggersARebalanceAndLastLeaveEmptiesTheGroup() {
        JoinResult[] ab = stableGroupOfTwo();
        LeaveResult left = c.leaveGroup(G, List.of(new MemberIdentity(ab[1].memberId(), null)));
        assertThat(left.members()).extracting(LeaveResult.MemberResult::error).containsExactly(GroupError.NONE);
        assertThat(c.describeGroup(G).state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        JoinResult a = now(c.joinGroup(join(G, ab[0].memberId(), range("t"))));
        assertThat(a.generationId()).isEqualTo(3);
        assertThat(a.members()).hasSize(1);
        c.leaveGroup(G, List.of(new MemberIdentity(a.memberId(), null)));
        assertThat(c.describeGroup(G).state()).isEqualTo(GroupState.EMPTY);
        assertThat(c.leaveGroup(G, List.of(new MemberIdentity("nobody", null))).members())
                .extracting(LeaveResult.MemberResult::error).containsExactly(GroupError.UNKNOWN_MEMBER_ID);
        assertThat(c.leaveGroup("missing", List.of(new MemberIdentity("x", null))).members())
                .extracting(LeaveResult.MemberResult::error).containsExactly(GroupError.UNKNOWN_MEMBER_ID);
    }

    @Test
    void memberThatStopsHeartbeatingIsRemovedAfterItsSessionTimeout() {
        JoinResult[] ab = stableGroupOfTwo();
        tick(SESSION_MS / 2);
        assertThat(c.heartbeat(G, ab[0].memberId(), null, 2)).isEqualTo(GroupError.NONE);
        tick(SESSION_MS / 2);
        assertThat(c.describeGroup(G).state()).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(c.describeGroup(G).members()).extracting(GroupDescription.MemberDescription::memberId)
                .containsExactly(ab[0].memberId());
        JoinResult a = now(c.joinGroup(join(G, ab[0].memberId(), range("t"))));
        assertThat(a.members()).hasSize(1);
        assertThat(a.generationId()).isEqualTo(3);
    }

    @Test
    void staticMemberRestartKeepsItsAssignmentWithoutRebalanceAndTheOldIdIsFenced() {
        JoinResult a = now(c.joinGroup(joinStatic(G, "", "i-a", range("t"))));
        CompletableFuture<JoinResult> b = c.joinGroup(joinStatic(G, "", "i-b", range("t")));
        JoinResult a2 = now(c.joinGroup(joinStatic(G, a.memberId(), "i-a", range("t"))));
        JoinResult b2 = now(b);
        CompletableFuture<SyncResult> bs = c.syncGroup(new SyncRequest(G, 2, b2.memberId(), "i-b", null, null,
                Map.of()));
        now(c.syncGroup(new SyncRequest(G, 2, a2.memberId(), "i-a", null, null,
                Map.of(a2.memberId(), new byte[] {1}, b2.memberId(), new byte[] {2}))));
        now(bs);
        // i-b restarts (no LeaveGroup) and joins again with an empty member id within its session.
        tick(SESSION_MS / 2);
        JoinResult restarted = now(c.joinGroup(joinStatic(G, "", "i-b", range("t"))));
        assertThat(restarted.error()).isEqualTo(GroupError.NONE);
        assertThat(restarted.memberId()).isNotEqualTo(b2.memberId());
        assertThat(restarted.generationId()).isEqualTo(2);
        assertThat(c.describeGroup(G).state()).isEqualTo(GroupState.STABLE);
        SyncResult again = now(c.syncGroup(new SyncRequest(G, 2, restarted.memberId(), "i-b", null, null,
                Map.of())));
        assertThat(again.assignment()).containsExactly(2);
        assertThat(c.heartbeat(G, b2.memberId(), "i-b", 2)).isEqualTo(GroupError.FENCED_INSTANCE_ID);
        assertThat(c.commitOffsets(G, 2, b2.memberId(), "i-b", Map.of(T0, OffsetAndMetadata.of(1))))
                .containsEntry(T0, GroupError.FENCED_INSTANCE_ID);
        assertThat(now(c.joinGroup(joinStatic(G, b2.memberId(), "i-b", range("t")))).error())
                .isEqualTo(GroupError.FENCED_INSTANCE_ID);
        assertThat(c.heartbeat(G, a2.memberId(), "i-a", 2)).isEqualTo(GroupError.NONE);
        // A static member leaves by instance id.
        c.leaveGroup(G, List.of(new MemberIdentity("", "i-b")));
        assertThat(c.describeGroup(G).state()).isEqualTo(GroupState.PREPARING_REBALANCE);
    }

    @Test
    void staticMemberRejoiningDuringAJoinFencesTheWaitingOldRequest() {
        JoinResult a = now(c.joinGroup(joinStatic(G, "", "i-a", range("t"))));
        now(c.syncGroup(new SyncRequest(G, 1, a.memberId(), "i-a", null, null, Map.of())));
        CompletableFuture<JoinResult> b = c.joinGroup(join(G, "", range("t")));
        CompletableFuture<JoinResult> oldA = c.joinGroup(joinStatic(G, a.memberId(), "i-a", range("t")));
        assertThat(b).isDone();
        assertThat(now(oldA).generationId()).isEqualTo(2);
        // Now during the next rebalance the old instance is waiting and a new instance with the same id joins.
        CompletableFuture<JoinResult> c3 = c.joinGroup(join(G, "", range("t")));
        CompletableFuture<JoinResult> waiting = c.joinGroup(joinStatic(G, a.memberId(), "i-a", range("t")));
        assertThat(waiting).isNotDone();
        CompletableFuture<JoinResult> fresh = c.joinGroup(joinStatic(G, "", "i-a", range("t")));
        assertThat(now(waiting).error()).isEqualTo(GroupError.FENCED_INSTANCE_ID);
        now(c.joinGroup(join(G, now(b).memberId(), range("t"))));
        assertThat(now(fresh).generationId()).isEqualTo(3);
        assertThat(now(c3).generationId()).isEqualTo(3);
    }

    @Test
    void inconsistentProtocolsAreRefusedAndTheCommonPreferredOneIsChosen() {
        List<ProtocolMetadata> both = List.of(new ProtocolMetadata("cooperative-sticky", new byte[0]),
                new ProtocolMetadata("range", new byte[0]));
        JoinResult a = now(c.joinGroup(join(G, "", both)));
        assertThat(a.protocolName()).isEqualTo("cooperative-sticky");
        JoinResult bad = now(c.joinGroup(join(G, "", List.of(new ProtocolMetadata("roundrobin", new byte[0])))));
        assertThat(bad.error()).isEqualTo(GroupError.INCONSISTENT_GROUP_PROTOCOL);
        JoinResult otherType = now(c.joinGroup(new JoinRequest(G, "", null, "connect", both, SESSION_MS,
                REBALANCE_MS, false, "x", "h")));
        assertThat(otherType.error()).isEqualTo(GroupError.INCONSISTENT_GROUP_PROTOCOL);
        CompletableFuture<JoinResult> b = c.joinGroup(join(G, "", List.of(new ProtocolMetadata("range",
                new byte[0]))));
        JoinResult a2 = now(c.joinGroup(join(G, a.memberId(), both)));
        assertThat(a2.protocolName()).isEqualTo("range");
        assertThat(now(b).protocolName()).isEqualTo("range");
    }

    @Test
    void memberIdRequiredFlow() {
        JoinResult first = now(c.joinGroup(new JoinRequest(G, "", null, "consumer", range("t"), SESSION_MS,
                REBALANCE_MS, true, "cid", "h")));
        assertThat(first.error()).isEqualTo(GroupError.MEMBER_ID_REQUIRED);
        assertThat(first.memberId()).startsWith("cid-");
        JoinResult second = now(c.joinGroup(new JoinRequest(G, first.memberId(), null, "consumer", range("t"),
                SESSION_MS, REBALANCE_MS, true, "cid", "h")));
        assertThat(second.error()).isEqualTo(GroupError.NONE);
        assertThat(second.memberId()).isEqualTo(first.memberId());
        assertThat(second.isLeader()).isTrue();
        // A pending id that never comes back is dropped after its session timeout.
        JoinResult ghost = now(c.joinGroup(new JoinRequest(G, "", null, "consumer", range("t"), SESSION_MS,
                REBALANCE_MS, true, "cid", "h")));
        tick(SESSION_MS);
        assertThat(now(c.joinGroup(join(G, ghost.memberId(), range("t")))).error())
                .isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
    }

    @Test
    void invalidRequestsAreRefused() {
        assertThat(now(c.joinGroup(join("", "", range("t")))).error()).isEqualTo(GroupError.INVALID_GROUP_ID);
        assertThat(now(c.joinGroup(new JoinRequest(G, "", null, "consumer", range("t"), 10, REBALANCE_MS, false,
                "x", "h"))).error()).isEqualTo(GroupError.INVALID_SESSION_TIMEOUT);
        assertThat(now(c.joinGroup(join("nope", "someone", range("t")))).error())
                .isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
        assertThat(now(c.syncGroup(new SyncRequest("nope", 1, "m", null, null, null, Map.of()))).error())
                .isEqualTo(GroupError.UNKNOWN_MEMBER_ID);
        JoinResult a = now(c.joinGroup(join(G, "", range("t"))));
        assertThat(now(c.syncGroup(new SyncRequest(G, 7, a.memberId(), null, null, null, Map.of()))).error())
                .isEqualTo(GroupError.ILLEGAL_GENERATION);
        assertThat(now(c.syncGroup(new SyncRequest(G, 1, a.memberId(), null, "consumer", "roundrobin",
                Map.of()))).error()).isEqualTo(GroupError.INCONSISTENT_GROUP_PROTOCOL);
        assertThat(c.listGroups()).extracting(GroupOverview::groupId).containsExactly(G);
    }

    @Test
    void groupMaxSize() {
        c.close();
        c = GroupCoordinator.open(store, GroupConfig.defaults().withInitialRebalanceDelayMs(0).withTimerTickMs(0)
                .withMaxSize(1), clock);
        now(c.joinGroup(join(G, "", range("t"))));
        assertThat(now(c.joinGroup(join(G, "", range("t")))).error()).isEqualTo(GroupError.GROUP_MAX_SIZE_REACHED);
    }

    @Test
    void initialRebalanceDelayWaitsForMoreMembers() {
        c.close();
        c = GroupCoordinator.open(store, GroupConfig.defaults().withTimerTickMs(0), clock);
        CompletableFuture<JoinResult> a = c.joinGroup(join(G, "", range("t")));
        tick(2000);
        CompletableFuture<JoinResult> b = c.joinGroup(join(G, "", range("t")));
        tick(1000);
        // A new member arrived during the delay: it is extended once more.
        assertThat(a).isNotDone();
        tick(3000);
        assertThat(now(a).generationId()).isEqualTo(1);
        assertThat(now(a).members()).hasSize(2);
        assertThat(now(b).generationId()).isEqualTo(1);
    }

    @Test
    void offsetCommitValidationFollowsKafka() {
        // Simple commits (generation -1, no member) on a missing or Empty group are accepted.
        assertThat(c.commitOffsets(G, -1, "", null, Map.of(T0, OffsetAndMetadata.of(3))))
                .containsEntry(T0, GroupError.NONE);
        assertThat(c.commitOffsets("other", 4, "m", null, Map.of(T0, OffsetAndMetadata.of(3))))
                .containsEntry(T0, GroupError.ILLEGAL_GENERATION);
        JoinResult a = now(c.joinGroup(join(G, "", range("t"))));
        // CompletingRebalance: the member must sync first.
        assertThat(c.commitOffsets(G, 1, a.memberId(), null, Map.of(T0, OffsetAndMetadata.of(4))))
                .containsEntry(T0, GroupError.REBALANCE_IN_PROGRESS);
        now(c.syncGroup(sync(G, a, Map.of())));
        assertThat(c.commitOffsets(G, -1, "", null, Map.of(T0, OffsetAndMetadata.of(4))))
                .containsEntry(T0, GroupError.UNKNOWN_MEMBER_ID);
        assertThat(c.commitOffsets(G, 1, "stranger", null, Map.of(T0, OffsetAndMetadata.of(4))))
                .containsEntry(T0, GroupError.UNKNOWN_MEMBER_ID);
        assertThat(c.commitOffsets(G, 0, a.memberId(), null, Map.of(T0, OffsetAndMetadata.of(4))))
                .containsEntry(T0, GroupError.ILLEGAL_GENERATION);
        Map<TopicPartition, GroupError> mixed = c.commitOffsets(G, 1, a.memberId(), null, Map.of(
                T0, new OffsetAndMetadata(5, 3, "m"),
                new TopicPartition("missing", 0), OffsetAndMetadata.of(1),
                U0, new OffsetAndMetadata(1, -1, "x".repeat(4097))));
        assertThat(mixed).containsEntry(T0, GroupError.NONE)
                .containsEntry(new TopicPartition("missing", 0), GroupError.UNKNOWN_TOPIC_OR_PARTITION)
                .containsEntry(U0, GroupError.OFFSET_METADATA_TOO_LARGE);
        assertThat(c.fetchOffsets(G, List.of(T0, U0)).offsets()).containsEntry(T0, new OffsetAndMetadata(5, 3, "m"))
                .containsEntry(U0, OffsetAndMetadata.NO_OFFSET);
        assertThat(c.fetchOffsets(G, null).offsets()).containsOnlyKeys(T0);
        assertThat(c.fetchOffsets("unknown", List.of(T0)).offsets()).containsEntry(T0, OffsetAndMetadata.NO_OFFSET);
    }

    @Test
    void offsetDeleteRefusesSubscribedTopicsOfAnActiveConsumerGroup() {
        JoinResult a = now(c.joinGroup(join(G, "", range("t"))));
        now(c.syncGroup(sync(G, a, Map.of())));
        c.commitOffsets(G, 1, a.memberId(), null, Map.of(T0, OffsetAndMetadata.of(1), U0, OffsetAndMetadata.of(2)));
        OffsetDeleteResult result = c.deleteOffsets(G, List.of(T0, U0));
        assertThat(result.error()).isEqualTo(GroupError.NONE);
        assertThat(result.partitions()).containsEntry(T0, GroupError.GROUP_SUBSCRIBED_TO_TOPIC)
                .containsEntry(U0, GroupError.NONE);
        assertThat(c.fetchOffsets(G, null).offsets()).containsOnlyKeys(T0);
        assertThat(c.deleteOffsets("missing", List.of(T0)).error()).isEqualTo(GroupError.GROUP_ID_NOT_FOUND);
    }

    @Test
    void deleteGroups() {
        JoinResult a = now(c.joinGroup(join(G, "", range("t"))));
        c.commitOffsets("simple", -1, "", null, Map.of(T0, OffsetAndMetadata.of(1)));
        Map<String, GroupError> result = c.deleteGroups(List.of(G, "simple", "missing", ""));
        assertThat(result).containsEntry(G, GroupError.NON_EMPTY_GROUP).containsEntry("simple", GroupError.NONE)
                .containsEntry("missing", GroupError.GROUP_ID_NOT_FOUND).containsEntry("", GroupError.INVALID_GROUP_ID);
        assertThat(c.describeGroup("simple").state()).isEqualTo(GroupState.DEAD);
        assertThat(c.fetchOffsets("simple", null).offsets()).isEmpty();
        assertThat(c.heartbeat(G, a.memberId(), null, 1)).isEqualTo(GroupError.NONE);
    }

    @Test
    void offsetsOfAnEmptyGroupExpireAfterRetentionAndTheGroupIsRemoved() {
        JoinResult a = now(c.joinGroup(join(G, "", range("t", "u"))));
        now(c.syncGroup(sync(G, a, Map.of())));
        c.commitOffsets(G, 1, a.memberId(), null, Map.of(T0, OffsetAndMetadata.of(1)));
        long retention = c.config().offsetsRetentionMs();
        clock.advance(retention);
        c.expireOffsets();
        // Stable and subscribed: kept however old.
        assertThat(c.fetchOffsets(G, null).offsets()).containsOnlyKeys(T0);
        c.leaveGroup(G, List.of(new MemberIdentity(a.memberId(), null)));
        assertThat(c.describeGroup(G).state()).isEqualTo(GroupState.EMPTY);
        clock.advance(retention - 1);
        c.expireOffsets();
        assertThat(c.fetchOffsets(G, null).offsets()).containsOnlyKeys(T0);
        clock.advance(1);
        c.expireOffsets();
        assertThat(c.fetchOffsets(G, null).offsets()).isEmpty();
        assertThat(c.listGroups()).isEmpty();
        assertThat(c.describeGroup(G).state()).isEqualTo(GroupState.DEAD);
    }

    @Test
    void simpleGroupOffsetsExpireCountingFromEachCommit() {
        c.commitOffsets("simple", -1, "", null, Map.of(T0, OffsetAndMetadata.of(1)));
        clock.advance(1000);
        c.commitOffsets("simple", -1, "", null, Map.of(U0, OffsetAndMetadata.of(1)));
        clock.advance(c.config().offsetsRetentionMs() - 1000);
        c.expireOffsets();
        assertThat(c.fetchOffsets("simple", null).offsets()).containsOnlyKeys(U0);
    }

    @Test
    void lagIsTheHighWatermarkMinusTheCommittedOffset() {
        c.commitOffsets(G, -1, "", null, Map.of(T0, OffsetAndMetadata.of(0), U0, OffsetAndMetadata.of(0)));
        dev.brook.log.record.RecordBatchBuilder batch = new dev.brook.log.record.RecordBatchBuilder(
                dev.brook.log.record.Compression.NONE);
        for (int i = 0; i < 5; i++) {
            batch.append(0, new byte[] {1}, new byte[] {2});
        }
        store.partition(T0).appendAsLeader(batch.build(), (short) -1);
        c.commitOffsets(G, -1, "", null, Map.of(T0, OffsetAndMetadata.of(2)));
        assertThat(c.lag(G)).containsExactly(new PartitionLag(T0, 2, 5, 3), new PartitionLag(U0, 0, 0, 0));
        assertThat(c.lag("unknown")).isEmpty();
    }

    @Test
    void closeAnswersWaitingJoinsWithNotCoordinator() {
        JoinResult[] ab = stableGroupOfTwo();
        CompletableFuture<JoinResult> waiting = c.joinGroup(join(G, ab[0].memberId(), range("t")));
        c.close();
        assertThat(now(waiting).error()).isEqualTo(GroupError.NOT_COORDINATOR);
    }
}

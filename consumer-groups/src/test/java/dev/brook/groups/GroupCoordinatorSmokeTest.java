package dev.brook.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.partition.PartitionStore;
import dev.brook.partition.PartitionStoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCoordinatorSmokeTest {
    @TempDir
    Path dir;

    @Test
    void twoMembersJoinAndSync() throws Exception {
        ManualClock clock = new ManualClock(1_000_000);
        try (PartitionStore store = PartitionStore.open(PartitionStoreConfig.of(dir).withClock(clock));
                GroupCoordinator c = GroupCoordinator.open(store, GroupConfig.defaults()
                        .withInitialRebalanceDelayMs(0).withTimerTickMs(0), clock)) {
            List<ProtocolMetadata> protocols = List.of(new ProtocolMetadata("range",
                    "m".getBytes(StandardCharsets.UTF_8)));
            JoinResult a = c.joinGroup(new JoinRequest("g", "", null, "consumer", protocols, 10000, 10000, false,
                    "a", "h")).get();
            assertThat(a.error()).isEqualTo(GroupError.NONE);
            assertThat(a.generationId()).isEqualTo(1);
            assertThat(a.isLeader()).isTrue();
            CompletableFuture<JoinResult> b = c.joinGroup(new JoinRequest("g", "", null, "consumer", protocols,
                    10000, 10000, false, "b", "h"));
            assertThat(b).isNotDone();
            assertThat(c.heartbeat("g", a.memberId(), null, 1)).isEqualTo(GroupError.REBALANCE_IN_PROGRESS);
            JoinResult a2 = c.joinGroup(new JoinRequest("g", a.memberId(), null, "consumer", protocols, 10000,
                    10000, false, "a", "h")).get();
            assertThat(a2.generationId()).isEqualTo(2);
            assertThat(a2.members()).hasSize(2);
            JoinResult b1 = b.get();
            CompletableFuture<SyncResult> bs = c.syncGroup(new SyncRequest("g", 2, b1.memberId(), null, null, null,
                    Map.of()));
            assertThat(bs).isNotDone();
            SyncResult as = c.syncGroup(new SyncRequest("g", 2, a.memberId(), null, null, null,
                    Map.of(a.memberId(), new byte[] {1}, b1.memberId(), new byte[] {2}))).get();
            assertThat(as.assignment()).containsExactly(1);
            assertThat(bs.get().assignment()).containsExactly(2);
            assertThat(c.describeGroup("g").state()).isEqualTo(GroupState.STABLE);
        }
    }
}

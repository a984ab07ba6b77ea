package dev.brook.groups;

import static dev.brook.groups.Members.join;
import static dev.brook.groups.Members.joinStatic;
import static dev.brook.groups.Members.now;
import static dev.brook.groups.Members.range;
import static dev.brook.groups.Members.sync;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.partition.PartitionStore;
import dev.brook.partition.PartitionStoreConfig;
import dev.brook.partition.topic.TopicPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offsets and group metadata survive a clean restart and a crash (a copy of the directory while open). */
class GroupPersistenceTest {
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);
    private static final GroupConfig CONFIG = GroupConfig.defaults().withInitialRebalanceDelayMs(0)
            .withTimerTickMs(0).withOffsetsTopicNumPartitions(3);

    @TempDir
    Path dir;
    @TempDir
    Path crashCopy;

    private final ManualClock clock = new ManualClock(1_000_000);

    private PartitionStore openStore(Path logDir) {
        return PartitionStore.open(PartitionStoreConfig.of(logDir).withClock(clock));
    }

    @Test
    void offsetsAndGroupsComeBackAfterCleanRestartAndCrash() throws IOException {
        String staticMemberId;
        try (PartitionStore store = openStore(dir); GroupCoordinator c = GroupCoordinator.open(store, CONFIG, clock)) {
            store.createTopic("t", 2, 1, Map.of());
            assertThat(store.topicConfig(GroupCoordinator.OFFSETS_TOPIC).cleanupPolicy().compacts()).isTrue();
            // A simple (assign + commitSync) group, one offset later deleted.
            assertThat(c.commitOffsets("simple", -1, "", null,
                    Map.of(T0, new OffsetAndMetadata(5, 2, "meta"), T1, OffsetAndMetadata.of(7))).values())
                    .containsOnly(GroupError.NONE);
            assertThat(c.commitOffsets("simple", -1, "", null, Map.of(T0, OffsetAndMetadata.of(9))).values())
                    .containsOnly(GroupError.NONE);
            assertThat(c.deleteOffsets("simple", List.of(T1)).partitions()).containsEntry(T1, GroupError.NONE);
            // A deleted group must stay deleted.
            c.commitOffsets("gone", -1, "", null, Map.of(T0, OffsetAndMetadata.of(1)));
            assertThat(c.deleteGroups(List.of("gone"))).containsEntry("gone", GroupError.NONE);
            // A Stable group with a static member and its assignment.
            JoinResult joined = now(c.joinGroup(joinStatic("stable", "", "i-1", range("t"))));
            staticMemberId = joined.memberId();
            now(c.syncGroup(sync("stable", joined, Map.of(joined.memberId(), new byte[] {4, 2}))));
            assertThat(c.commitOffsets("stable", joined.generationId(), joined.memberId(), "i-1",
                    Map.of(T1, OffsetAndMetadata.of(11))).values()).containsOnly(GroupError.NONE);

            // Crash: copy the directory while everything is open (written, not cleanly closed).
            copyTree(dir, crashCopy);
        }
        for (Path logDir : List.of(dir, crashCopy)) {
            Files.deleteIfExists(logDir.resolve(".lock"));
            try (PartitionStore store = openStore(logDir);
                    GroupCoordinator c = GroupCoordinator.open(store, CONFIG, clock)) {
                assertThat(c.fetchOffsets("simple", null).offsets())
                        .isEqualTo(Map.of(T0, OffsetAndMetadata.of(9)));
                assertThat(c.fetchOffsets("gone", null).offsets()).isEmpty();
                assertThat(c.listGroups()).extracting(GroupOverview::groupId).containsExactly("simple", "stable");
                GroupDescription stable = c.describeGroup("stable");
                assertThat(stable.state()).isEqualTo(GroupState.STABLE);
                assertThat(stable.protocolName()).isEqualTo("range");
                assertThat(stable.members()).singleElement().satisfies(m -> {
                    assertThat(m.memberId()).isEqualTo(staticMemberId);
                    assertThat(m.groupInstanceId()).isEqualTo("i-1");
                    assertThat(m.assignment()).containsExactly(4, 2);
                });
                assertThat(c.fetchOffsets("stable", List.of(T1)).offsets()).containsEntry(T1,
                        OffsetAndMetadata.of(11));
                // The restarted static member gets its assignment back without a rebalance.
                JoinResult rejoined = now(c.joinGroup(joinStatic("stable", "", "i-1", range("t"))));
                assertThat(rejoined.error()).isEqualTo(GroupError.NONE);
                assertThat(rejoined.generationId()).isEqualTo(1);
                assertThat(now(c.syncGroup(sync("stable", rejoined, Map.of()))).assignment()).containsExactly(4, 2);
                assertThat(c.partitionFor("stable")).isBetween(0, 2);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

package dev.brook.log.checkpoint;

import static dev.brook.log.checkpoint.CheckpointTestSupport.assertCorrupt;
import static dev.brook.log.checkpoint.CheckpointTestSupport.sealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderEpochCheckpointTest {
    private static final String HEADER = "brook-checkpoint leader-epoch 1\n";

    @TempDir
    Path dir;

    @Test
    void writesTheJavadocExample() throws IOException {
        LeaderEpochCheckpoint checkpoint = new LeaderEpochCheckpoint(dir);
        checkpoint.write(List.of(new EpochEntry(0, 0), new EpochEntry(3, 1200)));

        assertThat(checkpoint.path()).isEqualTo(dir.resolve("leader-epoch.checkpoint"));
        assertThat(CheckpointTestSupport.text(checkpoint.path()))
                .isEqualTo(HEADER + "entries 2\n0 0\n3 1200\ncrc32c 3df13594\n");
    }

    @Test
    void roundTripsEmptyAndLongLists() throws IOException {
        LeaderEpochCheckpoint checkpoint = new LeaderEpochCheckpoint(dir);
        assertThat(checkpoint.read()).isEmpty();

        checkpoint.write(List.of());
        assertThat(checkpoint.read()).contains(List.of());
        assertThat(CheckpointTestSupport.text(checkpoint.path())).startsWith(HEADER + "entries 0\ncrc32c ");

        List<EpochEntry> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(new EpochEntry(i * 2, i * 1000L));
        }
        many.add(new EpochEntry(Integer.MAX_VALUE, Long.MAX_VALUE));
        checkpoint.write(many);
        assertThat(new LeaderEpochCheckpoint(dir).read()).contains(many);
    }

    @Test
    void readListIsUnmodifiable() throws IOException {
        LeaderEpochCheckpoint checkpoint = new LeaderEpochCheckpoint(dir);
        checkpoint.write(List.of(new EpochEntry(1, 1)));

        List<EpochEntry> read = checkpoint.read().orElseThrow();
        assertThatThrownBy(() -> read.add(new EpochEntry(2, 2))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nonMonotonicListsAreRefusedOnWriteAndOnRead() throws IOException {
        LeaderEpochCheckpoint checkpoint = new LeaderEpochCheckpoint(dir);
        for (List<EpochEntry> bad : List.of(
                List.of(new EpochEntry(1, 5), new EpochEntry(1, 6)),
                List.of(new EpochEntry(1, 5), new EpochEntry(2, 5)),
                List.of(new EpochEntry(2, 5), new EpochEntry(1, 6)),
                List.of(new EpochEntry(1, 6), new EpochEntry(2, 5)))) {
            assertThatThrownBy(() -> checkpoint.write(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must strictly increase");
        }
        assertThat(checkpoint.read()).isEmpty();

        assertCorrupt(checkpoint.path(), sealed(HEADER + "entries 2\n2 5\n1 6\n"), checkpoint::read,
                "invalid content: epoch entries must strictly increase in epoch and start offset, but "
                        + "EpochEntry[epoch=1, startOffset=6] follows EpochEntry[epoch=2, startOffset=5]");
    }

    @Test
    void malformedContentIsRejected() throws IOException {
        LeaderEpochCheckpoint checkpoint = new LeaderEpochCheckpoint(dir);
        Path path = checkpoint.path();

        assertCorrupt(path, sealed(HEADER + "entries 3\n0 0\n1 5\n"), checkpoint::read,
                "line 5: missing, expected \"<epoch> <startOffset>\"");
        assertCorrupt(path, sealed(HEADER + "entries 1\n0 0\n1 5\n"), checkpoint::read,
                "line 4: unexpected extra line \"1 5\"");
        assertCorrupt(path, sealed(HEADER + "entries -1\n"), checkpoint::read, "line 2: negative entry count -1");
        assertCorrupt(path, sealed(HEADER + "entries 2147483648\n"), checkpoint::read, "does not fit in 32 bits");
        assertCorrupt(path, sealed(HEADER + "entries 2147483647\n0 0\n"), checkpoint::read, "line 4: missing");
        assertCorrupt(path, sealed(HEADER + "entries 1\n-1 0\n"), checkpoint::read,
                "invalid content: epoch entry fields must not be negative");
        assertCorrupt(path, sealed(HEADER + "entries 1\n0 -1\n"), checkpoint::read, "invalid content");
        assertCorrupt(path, sealed(HEADER + "entries 1\n2147483648 0\n"), checkpoint::read,
                "line 3: epoch 2147483648 does not fit in 32 bits");
        assertCorrupt(path, sealed(HEADER + "entries 1\n0 0 0\n"), checkpoint::read,
                "line 3: expected \"<epoch> <startOffset>\", found \"0 0 0\"");
        assertCorrupt(path, sealed(HEADER + "entries 1\n0,0\n"), checkpoint::read, "line 3: expected");
        assertCorrupt(path, sealed(HEADER + "entries 1\n00 0\n"), checkpoint::read,
                "line 3: epoch is not a canonical decimal integer: \"00\"");
        assertCorrupt(path, sealed(HEADER + "1\n0 0\n"), checkpoint::read, "line 2: expected \"entries <integer>\"");
        // Kafka's own leader-epoch-checkpoint format is not silently accepted.
        assertCorrupt(path, "0\n1\n0 0\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), checkpoint::read,
                "not a Brook checkpoint");
    }

    @Test
    void damagedFilesAreRejected() throws IOException {
        LeaderEpochCheckpoint checkpoint = new LeaderEpochCheckpoint(dir);
        List<EpochEntry> entries = List.of(new EpochEntry(0, 0), new EpochEntry(3, 1200), new EpochEntry(4, 1300));
        checkpoint.write(entries);

        CheckpointTestSupport.assertEveryTruncationRejected(checkpoint.path(), checkpoint::read);
        CheckpointTestSupport.assertEveryByteFlipRejected(checkpoint.path(), checkpoint::read);
        assertThat(checkpoint.read()).contains(entries);
    }
}

package dev.brook.log.checkpoint;

import static dev.brook.log.checkpoint.CheckpointTestSupport.assertCorrupt;
import static dev.brook.log.checkpoint.CheckpointTestSupport.sealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryPointCheckpointTest {
    private static final String HEADER = "brook-checkpoint recovery-point 1\n";

    @TempDir
    Path dir;

    @Test
    void writesTheJavadocExample() throws IOException {
        RecoveryPointCheckpoint checkpoint = new RecoveryPointCheckpoint(dir);
        checkpoint.write(new RecoveryPoint(1500, 1000, 40960));

        assertThat(checkpoint.path()).isEqualTo(dir.resolve("recovery-point.checkpoint"));
        assertThat(CheckpointTestSupport.text(checkpoint.path())).isEqualTo(HEADER
                + "recovery-point-offset 1500\nsegment-base-offset 1000\nposition-in-segment 40960\n"
                + "crc32c 9b7e8dd6\n");
    }

    @Test
    void roundTrips() throws IOException {
        RecoveryPointCheckpoint checkpoint = new RecoveryPointCheckpoint(dir);
        assertThat(checkpoint.read()).isEmpty();

        for (RecoveryPoint point : List.of(
                new RecoveryPoint(0, 0, 0),
                new RecoveryPoint(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE),
                new RecoveryPoint(Long.MAX_VALUE, 0, 0),
                new RecoveryPoint(77, 70, 1234))) {
            checkpoint.write(point);
            assertThat(new RecoveryPointCheckpoint(dir).read()).contains(point);
        }
    }

    @Test
    void impossibleRecoveryPointsAreRefusedOnConstructionAndOnRead() throws IOException {
        assertThatThrownBy(() -> new RecoveryPoint(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoveryPoint(5, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoveryPoint(5, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoveryPoint(5, 6, 0)).isInstanceOf(IllegalArgumentException.class);

        RecoveryPointCheckpoint checkpoint = new RecoveryPointCheckpoint(dir);
        assertCorrupt(checkpoint.path(), sealed(HEADER
                        + "recovery-point-offset 5\nsegment-base-offset 6\nposition-in-segment 0\n"),
                checkpoint::read, "invalid content: segment cannot start after the recovery point");
        assertCorrupt(checkpoint.path(), sealed(HEADER
                        + "recovery-point-offset 5\nsegment-base-offset 0\nposition-in-segment 2147483648\n"),
                checkpoint::read, "line 4: position-in-segment 2147483648 does not fit in 32 bits");
        assertCorrupt(checkpoint.path(), sealed(HEADER
                        + "recovery-point-offset 5\nposition-in-segment 0\nsegment-base-offset 0\n"),
                checkpoint::read, "line 3: expected key \"segment-base-offset\", found \"position-in-segment\"");
        assertCorrupt(checkpoint.path(), sealed(HEADER + "recovery-point-offset 5\nsegment-base-offset 0\n"),
                checkpoint::read, "line 4: missing, expected \"position-in-segment <integer>\"");
    }

    @Test
    void damagedFilesAreRejected() throws IOException {
        RecoveryPointCheckpoint checkpoint = new RecoveryPointCheckpoint(dir);
        checkpoint.write(new RecoveryPoint(1500, 1000, 40960));

        CheckpointTestSupport.assertEveryTruncationRejected(checkpoint.path(), checkpoint::read);
        CheckpointTestSupport.assertEveryByteFlipRejected(checkpoint.path(), checkpoint::read);
        assertThat(checkpoint.read()).contains(new RecoveryPoint(1500, 1000, 40960));
    }
}

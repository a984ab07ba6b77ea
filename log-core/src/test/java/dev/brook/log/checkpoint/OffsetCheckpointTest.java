package dev.brook.log.checkpoint;

import static dev.brook.log.checkpoint.CheckpointTestSupport.assertCorrupt;
import static dev.brook.log.checkpoint.CheckpointTestSupport.sealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void logStartOffsetLivesInItsOwnFileAndRoundTrips() throws IOException {
        OffsetCheckpoint checkpoint = OffsetCheckpoint.logStartOffset(dir);

        assertThat(checkpoint.path()).isEqualTo(dir.resolve("log-start-offset.checkpoint"));
        assertThat(checkpoint.read()).isEqualTo(OptionalLong.empty());
        for (long offset : new long[] {0, 42, Long.MAX_VALUE, 3}) {
            checkpoint.write(offset);
            assertThat(checkpoint.read()).hasValue(offset);
            assertThat(OffsetCheckpoint.logStartOffset(dir).read()).hasValue(offset);
        }
        assertThat(CheckpointTestSupport.text(checkpoint.path()))
                .startsWith("brook-checkpoint log-start-offset 1\noffset 3\ncrc32c ");
    }

    @Test
    void customKindIsWrittenAndRequired() throws IOException {
        OffsetCheckpoint highWatermark = new OffsetCheckpoint(dir.resolve("hw.checkpoint"), "high-watermark");
        highWatermark.write(9);

        assertThat(CheckpointTestSupport.text(highWatermark.path())).startsWith("brook-checkpoint high-watermark 1\n");
        assertThat(highWatermark.read()).hasValue(9);
        assertThatThrownBy(() -> new OffsetCheckpoint(highWatermark.path(), "log-start-offset").read())
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("wrong kind: expected \"log-start-offset\", found \"high-watermark\"");
    }

    @Test
    void negativeOffsetsAreRefusedOnWriteAndOnRead() throws IOException {
        OffsetCheckpoint checkpoint = OffsetCheckpoint.logStartOffset(dir);

        assertThatThrownBy(() -> checkpoint.write(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(checkpoint.read()).isEmpty();
        assertCorrupt(checkpoint.path(), sealed("brook-checkpoint log-start-offset 1\noffset -1\n"),
                checkpoint::read, "invalid content: offset must not be negative: -1");
    }

    @Test
    void damagedFilesAreRejected() throws IOException {
        OffsetCheckpoint checkpoint = OffsetCheckpoint.logStartOffset(dir);
        checkpoint.write(1_000_000);

        CheckpointTestSupport.assertEveryTruncationRejected(checkpoint.path(), checkpoint::read);
        CheckpointTestSupport.assertEveryByteFlipRejected(checkpoint.path(), checkpoint::read);
        assertCorrupt(checkpoint.path(), sealed("brook-checkpoint log-start-offset 2\noffset 5\n"),
                checkpoint::read, "unsupported version 2");
        assertCorrupt(checkpoint.path(), sealed("brook-checkpoint log-start-offset 1\nlog-start-offset 5\n"),
                checkpoint::read, "line 2: expected key \"offset\"");
    }
}

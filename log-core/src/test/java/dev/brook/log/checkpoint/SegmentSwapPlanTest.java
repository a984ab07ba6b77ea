package dev.brook.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentSwapPlanTest {
    @TempDir
    Path dir;

    @Test
    void writesTheDocumentedBytes() throws IOException {
        CheckpointFile<SegmentSwapPlan> file = SegmentSwapPlan.file(dir, 1000);
        file.write(new SegmentSwapPlan(1000, 5000));
        assertThat(file.path().getFileName().toString()).isEqualTo("00000000000000001000.swap.checkpoint");
        assertThat(Files.readString(file.path(), StandardCharsets.US_ASCII)).isEqualTo(
                "brook-checkpoint segment-swap 1\nreplaced-from-offset 1000\nreplaced-to-offset 5000\ncrc32c 77d9f53e\n");
        assertThat(SegmentSwapPlan.read(file.path())).contains(new SegmentSwapPlan(1000, 5000));
    }

    @Test
    void aMissingPlanReadsAsEmptyAndADamagedOneIsRefused() throws IOException {
        Path path = dir.resolve("00000000000000000007.swap.checkpoint");
        assertThat(SegmentSwapPlan.read(path)).isEmpty();
        Files.writeString(path, "brook-checkpoint segment-swap 1\nreplaced-from-offset 7\nreplaced-to-offset 9\n"
                + "crc32c 00000000\n", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SegmentSwapPlan.read(path)).isInstanceOf(CorruptCheckpointException.class);
    }

    @Test
    void rejectsAnEmptyRange() {
        assertThatThrownBy(() -> new SegmentSwapPlan(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SegmentSwapPlan(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCleanerCheckpointIsAnOffsetCheckpoint() throws IOException {
        OffsetCheckpoint cleaner = new OffsetCheckpoint(dir.resolve(OffsetCheckpoint.CLEANER_OFFSET_FILE_NAME),
                OffsetCheckpoint.CLEANER_OFFSET_KIND);
        cleaner.write(5000);
        assertThat(Files.readString(cleaner.path(), StandardCharsets.US_ASCII))
                .isEqualTo("brook-checkpoint cleaner-offset 1\noffset 5000\ncrc32c bebca187\n");
    }
}

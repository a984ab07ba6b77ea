package dev.brook.log.checkpoint;

import static dev.brook.log.checkpoint.CheckpointTestSupport.assertCorrupt;
import static dev.brook.log.checkpoint.CheckpointTestSupport.sealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanShutdownMarkerTest {
    private static final String HEADER = "brook-checkpoint clean-shutdown 1\n";

    @TempDir
    Path dir;

    @Test
    void writesTheJavadocExample() throws IOException {
        CleanShutdownMarker marker = new CleanShutdownMarker(dir);
        marker.write(new CleanShutdown(1500, 1_767_225_600_000L));

        assertThat(marker.path()).isEqualTo(dir.resolve(".clean-shutdown"));
        assertThat(CheckpointTestSupport.text(marker.path())).isEqualTo(
                HEADER + "log-end-offset 1500\nwritten-at-ms 1767225600000\ncrc32c 8efa7029\n");
    }

    @Test
    void closeOpenCycle() throws IOException {
        CleanShutdownMarker marker = new CleanShutdownMarker(dir);
        assertThat(marker.read()).as("first open: never closed cleanly").isEmpty();

        CleanShutdown atClose = new CleanShutdown(Long.MAX_VALUE, System.currentTimeMillis());
        marker.write(atClose);

        CleanShutdownMarker reopened = new CleanShutdownMarker(dir);
        assertThat(reopened.read()).contains(atClose);
        assertThat(reopened.delete()).isTrue();
        assertThat(Files.exists(reopened.path())).isFalse();
        assertThat(reopened.read()).isEmpty();
        assertThat(reopened.delete()).isFalse();
    }

    @Test
    void invalidContentIsRejected() throws IOException {
        assertThatThrownBy(() -> new CleanShutdown(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CleanShutdown(0, -1)).isInstanceOf(IllegalArgumentException.class);

        CleanShutdownMarker marker = new CleanShutdownMarker(dir);
        assertCorrupt(marker.path(), sealed(HEADER + "log-end-offset -1\nwritten-at-ms 0\n"), marker::read,
                "invalid content: clean shutdown fields must not be negative");
        assertCorrupt(marker.path(), sealed(HEADER + "log-end-offset 5\n"), marker::read,
                "line 3: missing, expected \"written-at-ms <integer>\"");
        assertCorrupt(marker.path(), sealed(HEADER + "written-at-ms 0\nlog-end-offset 5\n"), marker::read,
                "line 2: expected key \"log-end-offset\"");
        assertCorrupt(marker.path(), sealed("brook-checkpoint clean-shutdown 2\nlog-end-offset 5\nwritten-at-ms 0\n"),
                marker::read, "unsupported version 2");
    }

    @Test
    void damagedMarkersAreRejected() throws IOException {
        CleanShutdownMarker marker = new CleanShutdownMarker(dir);
        marker.write(new CleanShutdown(1500, 1_767_225_600_000L));

        CheckpointTestSupport.assertEveryTruncationRejected(marker.path(), marker::read);
        CheckpointTestSupport.assertEveryByteFlipRejected(marker.path(), marker::read);
        assertThat(marker.read()).contains(new CleanShutdown(1500, 1_767_225_600_000L));
    }
}

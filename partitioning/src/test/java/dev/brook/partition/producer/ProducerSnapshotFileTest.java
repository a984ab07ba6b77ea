package dev.brook.partition.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.checkpoint.CorruptCheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerSnapshotFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAndIsHumanReadable() throws IOException {
        ProducerSnapshotFile file = new ProducerSnapshotFile(dir);
        assertThat(file.read()).isEmpty();
        ProducerStateSnapshot snapshot = new ProducerStateSnapshot(12, Map.of(
                4000L, new ProducerStateEntry(4000, (short) 0, List.of(new BatchMetadata(0, 4, 0, 4, 10),
                        new BatchMetadata(5, 9, 7, 11, 20)), 20),
                7L, new ProducerStateEntry(7, (short) -1, List.of(), -1)));
        file.write(snapshot);
        assertThat(file.read()).contains(snapshot);
        assertThat(Files.readString(file.path())).startsWith("brook-checkpoint producer-state 1\n"
                + "snapshot-offset 12\nproducers 2\nproducer 7 -1 -1 0\nproducer 4000 0 20 2\n0 4 0 4 10\n");
    }

    @Test
    void rejectsDamageAndImpossibleContent() throws IOException {
        ProducerSnapshotFile file = new ProducerSnapshotFile(dir);
        file.write(new ProducerStateSnapshot(5, Map.of(1L, new ProducerStateEntry(1, (short) 0,
                List.of(new BatchMetadata(0, 0, 4, 4, 1)), 1))));
        String text = Files.readString(file.path());
        Files.writeString(file.path(), text.replace("0 0 4 4 1", "0 0 4 4 2"));
        assertThatThrownBy(file::read).isInstanceOf(CorruptCheckpointException.class).hasMessageContaining("checksum");
        // A batch at or past the snapshot offset cannot be in it.
        file.write(new ProducerStateSnapshot(5, Map.of(1L, new ProducerStateEntry(1, (short) 0,
                List.of(new BatchMetadata(0, 0, 5, 5, 1)), 1))));
        assertThatThrownBy(file::read).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("out of range");
    }
}

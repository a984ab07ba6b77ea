package dev.brook.log.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDemoTest {
    @TempDir
    Path dir;

    private String run() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogDemo.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void appendsAndReadsBackAndAppendsAfterARestart() throws IOException {
        String first = run();
        assertThat(first).contains("appended 3 lz4 record(s) at offsets 6..8")
                .contains("read back 9 record(s)");
        String second = run();
        assertThat(second).contains("offsets [0, 9)").contains("read back 18 record(s)");
    }
}

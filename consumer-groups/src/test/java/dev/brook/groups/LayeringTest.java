package dev.brook.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The coordinator knows partitions and logs, never the network or the wire codecs. */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/brook/groups");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void importsNoNetworkAndNoProtocolCodecs() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(1);
                    if (imported.startsWith("java.net") || imported.startsWith("io.netty")
                            || imported.startsWith("dev.brook.protocol") || imported.startsWith("dev.brook.broker")) {
                        violations.add(file + " imports " + imported);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}

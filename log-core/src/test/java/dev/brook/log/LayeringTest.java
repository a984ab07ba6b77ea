package dev.brook.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Enforces log-core's package layering from the sources' imports: the leaf packages (format, indexes,
 * checkpoints) know nothing of the log, and nothing in log-core touches the network.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/brook/log");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    /** Package (relative to dev.brook.log) -> the Brook packages it may import. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "record", List.of("dev.brook.log.record."),
            "index", List.of("dev.brook.log.index."),
            "checkpoint", List.of("dev.brook.log.checkpoint."),
            "epoch", List.of("dev.brook.log.epoch.", "dev.brook.log.checkpoint."),
            "", List.of("dev.brook.log.record.", "dev.brook.log.index.", "dev.brook.log.checkpoint.",
                    "dev.brook.log.epoch.", "dev.brook.log."),
            "tool", List.of("dev.brook.log."));

    @Test
    void packagesImportOnlyWhatTheirLayerAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                List<String> allowed = ALLOWED.get(pkg);
                assertThat(allowed).as("package %s has no layering rule; add one", pkg).isNotNull();
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(1);
                    if (imported.startsWith("java.net") || imported.startsWith("io.netty")) {
                        violations.add(file + " imports " + imported + " (storage knows nothing of the network)");
                    }
                    if (imported.startsWith("dev.brook.") && allowed.stream().noneMatch(imported::startsWith)) {
                        violations.add(file + " imports " + imported);
                    }
                    if (pkg.isEmpty() && imported.startsWith("dev.brook.log.tool.")) {
                        violations.add(file + " imports the tool package");
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}

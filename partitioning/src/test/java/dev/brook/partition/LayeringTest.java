package dev.brook.partition;

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
 * Enforces the module's package layering from the sources' imports: topics know nothing of partitions or producer
 * state, producer state knows nothing of topics or partitions, the partitioner knows only its inputs, and nothing here touches the network.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/brook/partition");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    /** Package (relative to dev.brook.partition) -> the Brook packages it may import. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "topic", List.of("dev.brook.partition.topic.", "dev.brook.log.LogConfig", "dev.brook.log.FlushPolicy",
                    "dev.brook.log.record.TimestampType", "dev.brook.log.checkpoint."),
            "producer", List.of("dev.brook.partition.producer.", "dev.brook.log."),
            "partitioner", List.of("dev.brook.partition.partitioner."),
            "", List.of("dev.brook.partition.", "dev.brook.log."));

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
                        violations.add(file + " imports " + imported + " (partitioning knows nothing of the network)");
                    }
                    if (imported.startsWith("dev.brook.") && allowed.stream().noneMatch(imported::startsWith)) {
                        violations.add(file + " imports " + imported);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}

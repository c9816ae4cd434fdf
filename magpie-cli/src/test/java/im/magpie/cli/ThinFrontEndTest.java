package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line is a thin front end on magpie-client (issue 15): no class of it speaks the
 * protocol itself, except the load tool ({@code bench}), whose job is to put raw protocol load on
 * a server.
 */
class ThinFrontEndTest {
    private static final Path SOURCES = Path.of("src/main/java/im/magpie/cli");

    @Test
    void no_command_line_class_outside_the_load_tool_imports_the_protocol() throws IOException {
        assertThat(SOURCES).isDirectory();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> java = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertThat(java).hasSizeGreaterThan(50); // the scan saw the command line, not an empty folder
            List<String> speakingTheWire = java.stream()
                    .filter(f -> !f.startsWith(SOURCES.resolve("bench")))
                    .filter(ThinFrontEndTest::importsTheProtocol)
                    .map(f -> SOURCES.relativize(f).toString())
                    .toList();
            assertThat(speakingTheWire).as("command-line classes that import im.magpie.protocol").isEmpty();
        }
    }

    private static boolean importsTheProtocol(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .anyMatch(l -> l.startsWith("import im.magpie.protocol.") || l.startsWith("import static im.magpie.protocol."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

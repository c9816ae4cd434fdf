package im.magpie.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {
    @Test
    void a_collection_after_the_log_is_started_is_written_to_it(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");

        GcLog.start(log);
        try {
            System.gc();
        } finally {
            GcLog.stop(log);
        }

        assertThat(Files.readString(log)).contains("Pause Full (System.gc())");
    }
}

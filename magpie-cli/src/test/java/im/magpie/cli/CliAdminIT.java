package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code magpie admin export} and {@code import} on the embedded databases of stopped servers. */
class CliAdminIT {
    @TempDir
    Path tmp;

    @Test
    void exportThenImportMovesTheAccountsAndRefusesToOverwriteUnlessForced() throws Exception {
        Path source = tmp.resolve("source");
        try (TestServer server = TestServer.builder().dataDir(source).start();
                RawClient a = RawClient.connect(server)) {
            a.register("zhang", "password-123", "张三");
        }
        Cli cli = new Cli(tmp.resolve("profile"), "127.0.0.1:1", false);
        Path dump = tmp.resolve("magpie.dump");
        Cli.Result exported = cli.raw("", "admin", "export", dump.toString(), "--data-dir", source.toString());
        assertThat(exported.exitCode()).as(exported.toString()).isZero();
        assertThat(exported.out()).contains("Exported to").containsPattern("users\\s+1\\b").contains("total rows");
        assertThat(exported.err()).contains("users"); // the progress bars
        assertThat(Files.size(dump)).isPositive();
        assertThat(tmp.resolve("magpie.dump.part")).doesNotExist();

        Path target = tmp.resolve("target");
        Cli.Result imported = cli.raw("", "admin", "import", dump.toString(), "--data-dir", target.toString(), "--no-progress");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("Imported").containsPattern("users\\s+1\\b");
        assertThat(imported.err()).isEmpty();

        Cli.Result again = cli.raw("", "admin", "import", dump.toString(), "--data-dir", target.toString(), "--no-progress");
        assertThat(again.exitCode()).isEqualTo(ExitCode.CONFLICT.code());
        assertThat(again.err()).contains("not empty").contains("--force");
        Cli.Result forced = cli.raw("", "admin", "import", dump.toString(), "--data-dir", target.toString(), "--force", "--no-progress");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();

        try (TestServer server = TestServer.builder().dataDir(target).start(); RawClient a = RawClient.connect(server)) {
            assertThat(a.login("zhang", "password-123").hasLoginOk()).isTrue();
        }
    }

    @Test
    void aFileThatIsNotADumpIsRefusedWithAReason() throws Exception {
        Path bogus = Files.writeString(tmp.resolve("notes.txt"), "hello");
        Cli cli = new Cli(tmp.resolve("profile"), "127.0.0.1:1", false);
        Cli.Result r = cli.raw("", "admin", "import", bogus.toString(), "--data-dir", tmp.resolve("t").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_REQUEST.code());
        assertThat(r.err()).contains("not a Magpie dump");
    }
}

package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import im.magpie.client.profile.AccountStore;
import im.magpie.server.discovery.DiscoverySettings;
import im.magpie.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** send-file, receive (offers), accept-file, decline-file, files and discover: in-process against a real server. */
class CliFilesIT {
    private static TestServer server;
    private static int counter;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.builder().set(DiscoverySettings.ENABLED, true).set(DiscoverySettings.PORT, 0)
                .set(DiscoverySettings.MULTICAST_GROUP, "").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record User(String name, long id, Cli cli) {}

    private User register(String profileName) {
        Cli cli = new Cli(dir.resolve(profileName), server.host() + ":" + server.port(), false);
        String name = "f" + (++counter) + "_" + Long.toString(System.nanoTime() % 100_000, 36);
        Cli.Result r = cli.env("MAGPIE_PASSWORD", "correct horse").run("register", name);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        long id = new AccountStore(cli.profile()).list(server.host() + ":" + server.port()).get(0).userId();
        return new User(name, id, cli);
    }

    private static void befriend(User a, User b) {
        var graph = server.server().features().social().graph();
        server.server().context().database().jdbi().useTransaction(tx -> graph.befriend(tx, a.id(), b.id(), System.currentTimeMillis()));
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private static List<JsonNode> lines(Cli.Result r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().split("\n")) if (!line.isBlank()) out.add(Output.mapper().readTree(line));
        return out;
    }

    @Test
    void aFileSentWithSendFile_isShownByReceive_fetchedByAcceptFile_andListedByFiles() throws Exception {
        User alice = register("alice");
        User bob = register("bob");
        befriend(alice, bob);
        byte[] content = new byte[700_000];
        new Random(7).nextBytes(content);
        Path source = Files.write(dir.resolve("holiday.bin"), content);

        JsonNode sent = lines(ok(alice.cli().run("send-file", bob.name(), source.toString(), "--json"))).get(0);
        assertThat(sent.get("state").asText()).isEqualTo("ready");
        long fileId = sent.get("fileId").asLong();

        Cli.Result text = ok(bob.cli().run("receive"));
        assertThat(text.out()).contains(alice.name() + " offers you holiday.bin").contains("magpie accept-file " + fileId);
        Path into = dir.resolve("downloads");
        Cli.Result accepted = ok(bob.cli().run("accept-file", Long.toString(fileId), "--to", into.toString()));
        assertThat(accepted.out()).contains("SHA-256");
        assertThat(Files.readAllBytes(into.resolve("holiday.bin"))).isEqualTo(content);

        List<JsonNode> aliceEvents = lines(ok(alice.cli().run("receive", "--json")));
        assertThat(aliceEvents).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("file_answered");
            assertThat(e.get("accepted").asBoolean()).isTrue();
            assertThat(e.get("byName").asText()).isEqualTo(bob.name());
        });
        List<JsonNode> bobsFiles = lines(ok(bob.cli().run("files", "--json")));
        assertThat(bobsFiles).hasSize(1);
        assertThat(bobsFiles.get(0).get("direction").asText()).isEqualTo("received");
        assertThat(bobsFiles.get(0).get("accepted").asBoolean()).isTrue();
        assertThat(ok(alice.cli().run("files")).out()).contains("holiday.bin");
    }

    @Test
    void declineFile_isToldToTheSender_inChineseToo() throws Exception {
        User alice = register("alice");
        User bob = register("bob");
        befriend(alice, bob);
        Path source = Files.writeString(dir.resolve("notes.txt"), "not for you");
        long fileId = lines(ok(alice.cli().run("send-file", bob.name(), source.toString(), "--json"))).get(0).get("fileId").asLong();

        JsonNode offer = lines(ok(bob.cli().run("receive", "--json"))).get(0);
        assertThat(offer.get("type").asText()).isEqualTo("file_offered");
        assertThat(offer.get("fileId").asLong()).isEqualTo(fileId);
        assertThat(offer.get("mimeType").asText()).isEqualTo("text/plain");
        ok(bob.cli().run("decline-file", Long.toString(fileId)));

        Cli.Result zh = ok(alice.cli().env("MAGPIE_LANG", "zh-CN").run("receive"));
        assertThat(zh.out()).contains("拒绝了你的文件 notes.txt");
        Cli.Result again = bob.cli().run("accept-file", Long.toString(fileId), "--to", dir.resolve("x").toString());
        assertThat(again.exitCode()).isNotZero();
    }

    @Test
    void discover_findsTheServerByUnicast_asJson() throws Exception {
        Cli cli = new Cli(dir.resolve("anyone"), server.host() + ":" + server.port(), false);
        int port = server.server().discoveryPort().orElseThrow();
        List<JsonNode> found = lines(ok(cli.raw("", "discover", "--json", "--no-broadcast", "--ask", "127.0.0.1",
                "--port", Integer.toString(port), "--timeout", "500")));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("port").asInt()).isEqualTo(server.port());
        assertThat(found.get(0).get("name").asText()).isEqualTo("Magpie");
    }
}

package im.magpie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import im.magpie.testkit.TestServer;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The friend, users, profile and status commands, in-process, against a real server. */
class CliSocialIT {
    private static TestServer server;
    private static int counter;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Cli cli(String who) {
        return new Cli(dir.resolve(who), server.host() + ":" + server.port(), false);
    }

    private static synchronized String newName(String prefix) {
        return prefix + (++counter) + "x" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private static JsonNode json(Cli.Result r) throws Exception {
        return Output.mapper().readTree(ok(r).out());
    }

    private Cli registered(String who, String name) {
        Cli cli = cli(who).env("MAGPIE_PASSWORD", "correct horse");
        ok(cli.run("register", name));
        return cli;
    }

    @Test
    void two_people_find_each_other_become_friends_and_organise_their_list() throws Exception {
        String a = newName("alice");
        String b = newName("bob");
        Cli alice = registered("alice", a);
        Cli bob = registered("bob", b);

        JsonNode found = json(alice.run("users", "search", b, "--json"));
        assertThat(found.get("users").get(0).get("username").asText()).isEqualTo(b);
        assertThat(ok(alice.run("users", "search", b)).out()).contains(b);

        assertThat(ok(alice.run("friend", "request", b, "--note", "你好, it is Alice")).out()).contains("sent to " + b);
        JsonNode requests = json(bob.run("friend", "requests", "--json"));
        assertThat(requests.get("incoming").get(0).get("from").get("username").asText()).isEqualTo(a);
        assertThat(requests.get("incoming").get(0).get("note").asText()).isEqualTo("你好, it is Alice");
        assertThat(ok(bob.run("friend", "requests")).out()).contains("from " + a);
        assertThat(ok(bob.run("friend", "accept", a)).out()).contains("friends now");

        JsonNode list = json(alice.run("friend", "list", "--json"));
        assertThat(list.get("friends").get(0).get("profile").get("username").asText()).isEqualTo(b);
        assertThat(list.get("categories").get(0).get("isDefault").asBoolean()).isTrue();

        JsonNode work = json(alice.run("friend", "category", "create", "Work", "--json"));
        assertThat(work.get("categoryId").asLong()).isPositive();
        ok(alice.run("friend", "category", "move", b, "work"));
        ok(alice.run("friend", "remark", b, "Bobby"));
        String text = ok(alice.run("friend", "list")).out();
        assertThat(text).contains("Work (1)").contains("remark: Bobby").contains("My Friends (0)");
        ok(alice.run("friend", "category", "rename", "Work", "Colleagues"));
        assertThat(ok(alice.run("friend", "category", "list")).out()).contains("Colleagues");
        ok(alice.run("friend", "category", "delete", "Colleagues"));
        JsonNode after = json(alice.run("friend", "list", "--json"));
        assertThat(after.get("categories")).hasSize(1);
        assertThat(after.get("friends").get(0).get("categoryId").asLong()).isZero();
        assertThat(after.get("friends").get(0).get("remark").asText()).isEqualTo("Bobby");
        ok(alice.run("friend", "remark", b));
        assertThat(json(alice.run("friend", "list", "--json")).get("friends").get(0).get("remark").asText()).isEmpty();

        ok(alice.run("friend", "remove", b));
        assertThat(json(bob.run("friend", "list", "--json")).get("friends")).isEmpty();
        ok(alice.run("friend", "block", b));
        assertThat(json(alice.run("friend", "list", "--json")).get("blockedUserIds")).hasSize(1);
        ok(alice.run("friend", "unblock", b));
        ok(alice.run("friend", "request", b));
        assertThat(ok(alice.run("friend", "cancel", b)).out()).contains("Withdrew");
        ok(bob.run("friend", "request", a));
        assertThat(ok(alice.run("friend", "reject", b)).out()).contains("Rejected");
    }

    @Test
    void mistakes_get_one_line_and_the_documented_exit_code() {
        String a = newName("carol");
        Cli carol = registered("carol", a);
        Cli.Result self = carol.run("friend", "request", a);
        assertThat(self.exitCode()).as(self.toString()).isEqualTo(ExitCode.BAD_REQUEST.code());
        assertThat(self.err().lines()).hasSize(1);
        assertThat(carol.run("friend", "request", "nobody-like-this").exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(carol.run("friend", "accept", "nobody-like-this").exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(carol.run("friend", "remove", "nobody-like-this").exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(carol.run("friend", "category", "create", "My Friends").exitCode()).isEqualTo(ExitCode.CONFLICT.code());
        assertThat(carol.run("friend", "category", "delete", "nope").exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(carol.run("profile", "set").exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(carol.run("status", "sleeping").exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(carol.run("friend").exitCode()).isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void profile_set_and_show_with_an_avatar_file_and_status() throws Exception {
        String name = newName("dave");
        Cli dave = registered("dave", name);
        Path png = dir.resolve("me.png");
        ImageIO.write(new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        ok(dave.run("profile", "set", "--nickname", "大卫", "--signature", "在鹊桥上", "--avatar", png.toString()));
        JsonNode me = json(dave.run("profile", "show", "--json"));
        assertThat(me.get("nickname").asText()).isEqualTo("大卫");
        assertThat(me.get("signature").asText()).isEqualTo("在鹊桥上");
        assertThat(me.get("avatarHash").asText()).matches("[0-9a-f]{64}");
        assertThat(ok(dave.run("profile", "show", name)).out()).contains("大卫").contains("avatar sha256");

        Path text = dir.resolve("fake.png");
        Files.writeString(text, "not an image", StandardCharsets.UTF_8);
        Cli.Result bad = dave.run("profile", "set", "--avatar", text.toString(), "--nickname", "changed");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCode.BAD_REQUEST.code());
        assertThat(json(dave.run("profile", "show", "--json")).get("nickname").asText()).as("nothing changed").isEqualTo("大卫");

        assertThat(ok(dave.run("status", "busy")).out()).contains("busy");
        assertThat(json(dave.run("status", "INVISIBLE", "--json")).get("status").asText()).isEqualTo("INVISIBLE");
    }

    @Test
    void texts_are_in_simplified_chinese_with_magpie_lang() {
        String name = newName("erin");
        registered("erin", name);
        Cli zh = cli("erin").env("MAGPIE_LANG", "zh_CN");
        assertThat(ok(zh.run("friend", "requests")).out()).contains("没有待处理的好友申请");
        assertThat(ok(zh.run("friend", "list")).out()).contains("我的好友");
        assertThat(ok(zh.run("status", "away")).out()).contains("离开");
        Cli.Result self = zh.run("friend", "request", name);
        assertThat(self.err()).contains("不能向自己发送好友申请");
    }
}

package im.magpie.cli.desktop;

import im.magpie.client.FriendRequestRecord;
import im.magpie.client.GroupDetails;
import im.magpie.client.JoinPolicy;
import im.magpie.client.Messenger;
import im.magpie.client.history.PeerRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The demo's accounts: alice and bob, friends, a short conversation both ways and a group, each
 * logged in once from its own profile directory so that the desktop windows resume the kept
 * sessions (and a desktop.properties that asks them to).
 */
final class DemoSeed {
    static final String PASSWORD = "magpie-demo-password";
    private static final long WAIT_SECONDS = 30;

    private DemoSeed() {}

    static void seed(int port, Path aliceProfile, Path bobProfile) throws Exception {
        try (Messenger alice = messenger(port, aliceProfile); Messenger bob = messenger(port, bobProfile)) {
            long aliceId = alice.register("alice", PASSWORD, "Alice").get(WAIT_SECONDS, TimeUnit.SECONDS).self().userId();
            long bobId = bob.register("bob", PASSWORD, "Bob 王").get(WAIT_SECONDS, TimeUnit.SECONDS).self().userId();
            alice.account().updateProfile(null, "Coffee first ☕").get(WAIT_SECONDS, TimeUnit.SECONDS);
            alice.account().setAvatar(avatar(new java.awt.Color(0x5b8def), new java.awt.Color(0xf7b733)))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            bob.account().updateProfile(null, "在写代码").get(WAIT_SECONDS, TimeUnit.SECONDS);
            FriendRequestRecord asked = alice.social().sendFriendRequest("bob", "Hi, it's Alice")
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            bob.social().answerFriendRequest(asked.requestId(), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
            alice.addressBook().refreshFriends().get(WAIT_SECONDS, TimeUnit.SECONDS);
            bob.addressBook().refreshFriends().get(WAIT_SECONDS, TimeUnit.SECONDS);

            say(alice, PeerRef.user(bobId), "Hi Bob! Welcome to Magpie 👋");
            say(bob, PeerRef.user(aliceId), "你好，Alice！这个界面很清爽 😄");
            say(alice, PeerRef.user(bobId), "Enter sends, Shift+Enter makes a new line. Try the emoji button.");
            say(bob, PeerRef.user(aliceId), "好的，我建了个群，拉你进来。");
            // a photo from bob (shown inline from its thumbnail) and a file from alice (offered to bob)
            Path photo = bobProfile.resolve("日出.png");
            Files.write(photo, picture(480, 300));
            bob.files().send(PeerRef.user(aliceId), photo).get(WAIT_SECONDS, TimeUnit.SECONDS);
            Path notes = aliceProfile.resolve("route-notes.txt");
            Files.writeString(notes, "North gate 9:00, lunch at the lake, back by 16:00.\n".repeat(200));
            alice.files().send(PeerRef.user(bobId), notes).get(WAIT_SECONDS, TimeUnit.SECONDS);

            GroupDetails group = alice.groupChats()
                    .create("Magpie 周末徒步", "Saturday 9:00", JoinPolicy.INVITE_ONLY, true, List.of(bobId))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            bob.groupChats().answerInvitation(group.groupId(), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
            say(alice, PeerRef.group(group.groupId()), "Saturday at 9:00, meet at the north gate ⛰");
            say(bob, PeerRef.group(group.groupId()), "@Alice 收到！我带水和零食。");
            alice.markRead(PeerRef.user(bobId)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        settings(aliceProfile, port, "alice", "en");
        settings(bobProfile, port, "bob", "zh-CN");
    }

    /** A small generated picture (a sunrise), so the demo shows avatars fetched by hash. */
    static byte[] avatar(java.awt.Color sky, java.awt.Color sun) throws IOException {
        return sunrise(128, 128, sky, sun);
    }

    /** A landscape sunrise for the demo's photo message. */
    static byte[] picture(int width, int height) throws IOException {
        return sunrise(width, height, new java.awt.Color(0xff8a65), new java.awt.Color(0xffe082));
    }

    private static byte[] sunrise(int w, int h, java.awt.Color sky, java.awt.Color sun) throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, sky, 0, h, sky.brighter()));
        g.fillRect(0, 0, w, h);
        g.setColor(sun);
        int d = Math.min(w, h) * 15 / 32;
        g.fillOval(w / 2 - d / 2, h * 50 / 128, d, d);
        g.setColor(new java.awt.Color(0x2e7d32));
        g.fillRect(0, h * 92 / 128, w, h - h * 92 / 128);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    private static Messenger messenger(int port, Path profile) {
        return Messenger.builder().server("127.0.0.1", port).tls(false).profileDir(profile).build();
    }

    private static void say(Messenger from, PeerRef to, String text) throws Exception {
        from.send(to, text);
        from.outboxEmpty().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The desktop's settings file (im.magpie.desktop.model.SettingsStore): resume this account at start. */
    private static void settings(Path profile, int port, String user, String language) {
        Properties p = new Properties();
        p.setProperty("server", "127.0.0.1:" + port);
        p.setProperty("tls", "false");
        p.setProperty("username", user);
        p.setProperty("remember", "true");
        p.setProperty("autoLogin", "true");
        p.setProperty("language", language);
        try (Writer w = Files.newBufferedWriter(profile.resolve("desktop.properties"), StandardCharsets.UTF_8)) {
            p.store(w, "Magpie demo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

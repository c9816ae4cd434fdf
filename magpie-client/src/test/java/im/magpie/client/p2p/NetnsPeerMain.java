package im.magpie.client.p2p;

import im.magpie.client.Messenger;
import im.magpie.client.MessengerEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The far side of {@link NetnsDirectChannelIT}: a messenger with direct channels on, run by the test
 * in another network namespace ({@code ip netns exec}). Registers, prints {@code PEER READY <id>},
 * then one line per event: {@code PEER PATH <path>}, {@code PEER RECEIVED <text>}; a line
 * {@code send <userId> <text>} on stdin sends a message; end of stdin stops it.
 */
public final class NetnsPeerMain {
    private NetnsPeerMain() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String username = args[2];
        Path profile = Path.of(args[3]);
        try (Messenger m = Messenger.builder().server(host, port).tls(false).profileDir(profile)
                .client(c -> c.requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(3)))
                .direct(DirectSettings.defaults()) // every interface: here, the veth end of this namespace
                .build()) {
            m.addListener(e -> {
                if (e instanceof MessengerEvent.PathChanged p) say("PATH " + p.path() + " " + p.reason());
                if (e instanceof MessengerEvent.MessagesReceived r) r.messages().forEach(x -> say("RECEIVED " + x.text()));
            });
            m.register(username, "password-123", username).join();
            say("READY " + m.userId());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                String[] parts = line.split(" ", 3);
                if (parts.length == 3 && parts[0].equals("send")) {
                    m.send(im.magpie.client.history.PeerRef.user(Long.parseLong(parts[1])), parts[2]);
                }
            }
        }
    }

    private static synchronized void say(String line) {
        System.out.println("PEER " + line);
        System.out.flush();
    }
}

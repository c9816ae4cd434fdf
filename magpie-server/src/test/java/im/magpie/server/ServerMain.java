package im.magpie.server;

import im.magpie.server.config.Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * A test-only launcher for process-level tests (e.g. kill -9 and restart): starts a
 * {@link MagpieServer} from {@code --key value} flags, prints {@code MAGPIE_PORT <port>} on a line
 * of its own once it listens, and runs until killed. The real launcher is {@code magpie server}.
 */
public final class ServerMain {
    private ServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --key value pairs: " + args[i]);
            flags.put(args[i].substring(2), args[i + 1]);
        }
        MagpieServer server = MagpieServer.start(Settings.builder().flags(flags).build());
        System.out.println("MAGPIE_PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join(); // until the process is killed
    }
}

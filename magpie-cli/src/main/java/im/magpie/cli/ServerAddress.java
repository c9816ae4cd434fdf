package im.magpie.cli;

import im.magpie.client.KnownServers;
import im.magpie.client.internal.MagpieClient;

/** {@code HOST:PORT} as given to {@code --server}; the port defaults to 7878, IPv6 in brackets. */
public record ServerAddress(String host, int port) {
    public static final String DEFAULT = "localhost:" + MagpieClient.DEFAULT_PORT;

    /** @throws IllegalArgumentException when {@code text} is not {@code HOST[:PORT]} */
    public static ServerAddress parse(String text) {
        String s = text.trim();
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("missing ] in " + text);
            }
            host = s.substring(1, end);
            if (s.length() > end + 1) {
                if (s.charAt(end + 1) != ':') {
                    throw new IllegalArgumentException("expected :PORT after ] in " + text);
                }
                port = s.substring(end + 2);
            }
        } else {
            int colon = s.lastIndexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in " + text);
        }
        int p = MagpieClient.DEFAULT_PORT;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in " + text);
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port out of range in " + text);
            }
        }
        return new ServerAddress(host, p);
    }

    /** The key used in {@code known_servers} and in the profile: {@code host:port}. */
    public String key() {
        return KnownServers.key(host, port);
    }

    @Override
    public String toString() {
        return key();
    }
}

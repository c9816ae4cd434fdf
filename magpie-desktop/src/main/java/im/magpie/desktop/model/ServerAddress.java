package im.magpie.desktop.model;

/** Where the server is: {@code host:port}, with or without TLS. */
public record ServerAddress(String host, int port, boolean tls) {
    public static final int DEFAULT_PORT = 7878;

    public ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code host}, {@code host:port} or {@code [v6]:port}. */
    public static ServerAddress parse(String text, boolean tls) {
        String t = text == null ? "" : text.strip();
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.indexOf(':') == colon || t.startsWith("[") && t.contains("]:")) {
            String host = t.substring(0, colon).replace("[", "").replace("]", "");
            try {
                return new ServerAddress(host, Integer.parseInt(t.substring(colon + 1)), tls);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port: " + t.substring(colon + 1));
            }
        }
        return new ServerAddress(t, DEFAULT_PORT, tls);
    }

    /** {@code host:port}, a v6 host in brackets: what {@link #parse} reads back. */
    public static String format(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}

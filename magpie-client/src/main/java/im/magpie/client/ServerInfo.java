package im.magpie.client;

/** What the server said about itself in {@code HelloOk}. */
public record ServerInfo(int major, int minor, String serverName, String nodeId,
                         int maxFrameBytes, int heartbeatIntervalSeconds) {
}

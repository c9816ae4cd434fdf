package im.magpie.client;

import im.magpie.protocol.proto.HelloOk;

/** What the server said about itself in {@code HelloOk}. */
public record ServerInfo(int major, int minor, String serverName, String nodeId,
                         int maxFrameBytes, int heartbeatIntervalSeconds) {

    public static ServerInfo of(HelloOk ok) {
        return new ServerInfo(ok.getMajor(), ok.getMinor(), ok.getServerName(), ok.getNodeId(),
                ok.getMaxFrameBytes(), ok.getHeartbeatIntervalSeconds());
    }
}

package im.magpie.server.discovery;

import im.magpie.protocol.discovery.DiscoveryDatagrams;
import im.magpie.server.config.Setting;

/** Settings of the UDP LAN discovery responder. */
public final class DiscoverySettings {
    private DiscoverySettings() {}

    public static final Setting<Boolean> ENABLED = Setting.flag("discovery", true,
            "answer LAN discovery requests (UDP) so clients on the local network find this server");
    public static final Setting<Integer> PORT = Setting.integer("discovery-port", DiscoveryDatagrams.DEFAULT_PORT, 0, 65535,
            "UDP port of the LAN discovery responder (0 = any free port)");
    public static final Setting<String> MULTICAST_GROUP = Setting.text("discovery-group", DiscoveryDatagrams.DEFAULT_MULTICAST_GROUP,
            "IPv4 multicast group the responder also listens on (\"\" = broadcasts and unicast only)");
    public static final Setting<Integer> REPLIES_PER_SOURCE = Setting.integer("discovery-replies-per-source", 5, 1, 1000,
            "most discovery replies to one source address within 10 seconds; further requests are ignored");
}

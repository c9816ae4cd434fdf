package im.magpie.client.p2p;

/** How a one-to-one conversation's messages travel right now. */
public enum ConversationPath {
    /** Over a direct, mutually authenticated TLS 1.3 channel between the two clients. */
    DIRECT,
    /** Through the server (no direct channel: not possible, not yet open, turned off, or broken). */
    VIA_SERVER
}

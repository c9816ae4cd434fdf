package im.magpie.client.p2p;

/**
 * The path of the conversation with {@code peerUserId} changed (or an attempt to go direct
 * settled): what a front end shows as "direct" / "via server".
 *
 * @param reason why, in a few words ("connected", "no candidate answered within 3 s", "channel closed", ...)
 */
public record PathChanged(long peerUserId, ConversationPath path, String reason) {}

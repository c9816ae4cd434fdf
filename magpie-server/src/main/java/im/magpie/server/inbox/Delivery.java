package im.magpie.server.inbox;

import im.magpie.protocol.proto.InboxEvent;

/** One event to append to one user's inbox. {@code event}'s seq and time are set by the inbox. */
public record Delivery(long userId, InboxEvent event) {}

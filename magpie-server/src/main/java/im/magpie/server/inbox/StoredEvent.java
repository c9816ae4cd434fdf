package im.magpie.server.inbox;

import im.magpie.protocol.proto.InboxEvent;

/** An event as appended: whose inbox, and the event with its sequence and time set. */
public record StoredEvent(long userId, InboxEvent event) {
    public long seq() {
        return event.getSeq();
    }
}

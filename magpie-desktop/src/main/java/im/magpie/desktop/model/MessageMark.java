package im.magpie.desktop.model;

/**
 * The mark under a message bubble. Outgoing messages move sending, sent, delivered, read (or
 * failed, which can be retried); any message becomes recalled when its sender withdraws it.
 */
public enum MessageMark {
    SENDING, SENT, DELIVERED, READ, FAILED, RECALLED
}

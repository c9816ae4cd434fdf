package im.magpie.client.p2p;

/** A direct channel could not be opened, or closed while a message waited for its acknowledgement. */
public final class DirectChannelException extends RuntimeException {
    public DirectChannelException(String message) {
        super(message);
    }
}

package im.magpie.cli.bench;

import im.magpie.protocol.proto.Error;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.SendAck;

/**
 * What a scenario hears from its simulated users. Called on the connection's event loop: never
 * block, and keep state either per connection or per event loop.
 */
public interface SimListener {
    /** The server acknowledged message request {@code requestId} (stored). */
    default void onAck(SimConnection c, long requestId, SendAck ack, long nowNanos) {}

    /** The server refused request {@code requestId}. */
    default void onError(SimConnection c, long requestId, Error error, long nowNanos) {}

    /** A pushed inbox event (a message delivered to this user, a notice, ...). */
    default void onEvent(SimConnection c, InboxEvent event, long nowNanos) {}

    /** The connection closed (by either side). */
    default void onClosed(SimConnection c) {}

    SimListener NONE = new SimListener() {};
}

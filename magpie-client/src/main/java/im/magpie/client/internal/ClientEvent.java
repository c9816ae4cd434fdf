package im.magpie.client.internal;

import im.magpie.client.ConnectionState;
import im.magpie.protocol.proto.Frame;

/**
 * Everything a {@link ClientListener} is told. A closed set: switch over it with
 * {@code instanceof} (or a pattern switch on newer Java).
 */
public sealed interface ClientEvent {

    /** The connection moved to {@code state}; {@code cause} says why it went OFFLINE, else null. */
    record StateChanged(ConnectionState state, Throwable cause) implements ClientEvent {}

    /** A {@code Pong} arrived: the user's newest inbox sequence (0 before login) and server time. */
    record Heartbeat(long latestSeq, long serverTimeMs) implements ClientEvent {}

    /** A frame pushed by the server (id 0), e.g. {@code EventPush}, {@code PresenceChanged}. */
    record Push(Frame frame) implements ClientEvent {}
}

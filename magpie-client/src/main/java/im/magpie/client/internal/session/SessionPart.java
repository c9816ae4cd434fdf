package im.magpie.client.internal.session;

import im.magpie.protocol.proto.LoginOk;

/** A part of the session told, on the session thread, when a connection is logged in and when it is gone. */
interface SessionPart {
    /** {@code link} is logged in; {@code ok} is the login answer. */
    default void online(Link link, LoginOk ok) {}

    /** The link given to {@link #online} is gone (lost, or the session stopped): drop it. */
    default void offline() {}
}

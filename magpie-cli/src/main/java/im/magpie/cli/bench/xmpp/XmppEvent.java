package im.magpie.cli.bench.xmpp;

import java.util.Map;

/** What {@link XmppStreamParser} makes of the bytes a server sends. */
public sealed interface XmppEvent {
    /** The server opened (or, after authentication, reopened) its stream: {@code <stream:stream ...>}. */
    record StreamOpened(Map<String, String> attributes) implements XmppEvent {}

    /** A complete element at depth 1: a stanza, features, SASL or stream-management element, stream error. */
    record Stanza(XmlElement element) implements XmppEvent {}

    /** {@code </stream:stream>}: the server ended its stream. */
    record StreamClosed() implements XmppEvent {}

    /** Not well-formed, or over a limit: nothing after it is parsed. */
    record Malformed(String reason) implements XmppEvent {}
}

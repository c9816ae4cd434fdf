package im.magpie.cli.bench;

import im.magpie.cli.bench.xmpp.XmppDirectory;

/**
 * What the simulated users speak ({@code --protocol}): Magpie's own frames, or plain XMPP (c2s
 * without TLS, SASL PLAIN, one-to-one chat, XEP-0198 acknowledgements) to compare a peer server
 * under the same scenarios and accounting.
 */
public sealed interface Wire {
    record Magpie() implements Wire {}

    /** XMPP on {@code directory.domain()}; the directory maps the bench's user ids to JIDs in this process. */
    record Xmpp(XmppDirectory directory) implements Wire {}
}

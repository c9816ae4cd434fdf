package im.magpie.client.p2p;

/**
 * Where messages received over direct channels go. {@link #received} runs on the channels' own
 * store thread, one message at a time in arrival order; it returns after the message is stored
 * (or known already), and only then is the sender sent its end-to-end acknowledgement. A message
 * that could not be stored must throw: it is not acknowledged, and the sender re-sends it.
 */
@FunctionalInterface
public interface DirectInbox {
    void received(DirectMessage message);
}

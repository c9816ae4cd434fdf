package im.magpie.client.p2p;

import im.magpie.client.internal.ServerIntroducer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The server's part of a direct channel, as the channels see it: introductions only. The
 * implementation over the Magpie protocol is {@link ServerIntroducer}.
 */
public interface Introducer {

    /** An address a listener may be reachable at; {@code observed} if the server saw it. */
    record Candidate(String host, int port, boolean observed) {}

    /** A listener's candidates, its port and the SHA-256 fingerprint (hex) of its certificate. */
    record Endpoint(List<Candidate> candidates, int port, String fingerprint) {
        public Endpoint {
            candidates = List.copyOf(candidates);
        }
    }

    /** The friend's endpoint, as the server introduced it. */
    record Introduction(long peerUserId, long introId, Endpoint endpoint) {}

    /** A friend wants a channel: their endpoint; answer with {@link #answer}. */
    record Offer(long introId, long fromUserId, Endpoint endpoint) {}

    /** Asks the server to introduce us to {@code peerUserId}; fails with the server's refusal. */
    CompletableFuture<Introduction> introduce(long peerUserId, Endpoint mine);

    /** Answers an offer with our endpoint ({@code mine}), or declines it ({@code mine == null}). */
    CompletableFuture<Void> answer(long introId, Endpoint mine);
}

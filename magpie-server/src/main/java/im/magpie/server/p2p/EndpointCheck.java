package im.magpie.server.p2p;

import im.magpie.protocol.proto.DirectCandidate;
import im.magpie.protocol.proto.DirectEndpoint;
import im.magpie.server.dispatch.MagpieException;
import java.util.regex.Pattern;

/**
 * Validates a client's {@link DirectEndpoint} and adds the address the server observes it connect
 * from. Every count and length is bounded: an endpoint is relayed to another user as it is.
 */
final class EndpointCheck {
    static final int MAX_CANDIDATES = 16;
    static final int MAX_HOST_CHARS = 64;
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");
    /** IPv4 or IPv6 literals only: a host name would make the peer resolve names we chose for it. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F:.%]+");

    private EndpointCheck() {}

    static DirectEndpoint checked(DirectEndpoint endpoint) {
        if (!FINGERPRINT.matcher(endpoint.getFingerprint()).matches()) {
            throw MagpieException.badRequest("p2p.fingerprint.bad");
        }
        if (endpoint.getCandidatesCount() > MAX_CANDIDATES) {
            throw MagpieException.badRequest("p2p.candidates.too_many", MAX_CANDIDATES);
        }
        if (endpoint.getPort() > 65_535) throw MagpieException.badRequest("p2p.candidate.bad");
        DirectEndpoint.Builder clean = DirectEndpoint.newBuilder()
                .setFingerprint(endpoint.getFingerprint()).setPort(endpoint.getPort());
        for (DirectCandidate c : endpoint.getCandidatesList()) {
            if (c.getHost().isEmpty() || c.getHost().length() > MAX_HOST_CHARS || !ADDRESS.matcher(c.getHost()).matches()
                    || c.getPort() == 0 || c.getPort() > 65_535) {
                throw MagpieException.badRequest("p2p.candidate.bad");
            }
            clean.addCandidates(DirectCandidate.newBuilder().setHost(c.getHost()).setPort(c.getPort())); // observed is ours to say
        }
        return clean.build();
    }

    /** The endpoint with {@code observedHost:port} appended, unless it is already a candidate or there is no port. */
    static DirectEndpoint withObserved(DirectEndpoint endpoint, String observedHost) {
        if (endpoint.getPort() == 0 || observedHost == null || !ADDRESS.matcher(observedHost).matches()) return endpoint;
        for (DirectCandidate c : endpoint.getCandidatesList()) {
            if (c.getHost().equals(observedHost) && c.getPort() == endpoint.getPort()) return endpoint;
        }
        return endpoint.toBuilder().addCandidates(DirectCandidate.newBuilder()
                .setHost(observedHost).setPort(endpoint.getPort()).setObserved(true)).build();
    }
}

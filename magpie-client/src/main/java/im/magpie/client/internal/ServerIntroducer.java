package im.magpie.client.internal;

import im.magpie.client.p2p.Introducer;
import im.magpie.protocol.proto.AnswerDirectRequest;
import im.magpie.protocol.proto.DirectCandidate;
import im.magpie.protocol.proto.DirectEndpoint;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.OpenDirectRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Introducer} over the Magpie protocol ({@code OpenDirectRequest}, {@code DirectOffer},
 * {@code AnswerDirectRequest}): the protobuf stays here, the channels see records.
 */
public final class ServerIntroducer implements Introducer {

    /** Sends a request on the current server connection (fails when offline). */
    @FunctionalInterface
    public interface Requests {
        CompletableFuture<Frame> request(Frame.Builder body, Frame.BodyCase expected);
    }

    private final Requests requests;

    public ServerIntroducer(Requests requests) {
        this.requests = requests;
    }

    @Override
    public CompletableFuture<Introduction> introduce(long peerUserId, Endpoint mine) {
        return requests.request(Frame.newBuilder().setOpenDirect(OpenDirectRequest.newBuilder()
                        .setUserId(peerUserId).setEndpoint(toWire(mine))), Frame.BodyCase.DIRECT_INTRODUCTION)
                .thenApply(f -> new Introduction(f.getDirectIntroduction().getUserId(),
                        f.getDirectIntroduction().getIntroId(), fromWire(f.getDirectIntroduction().getEndpoint())));
    }

    @Override
    public CompletableFuture<Void> answer(long introId, Endpoint mine) {
        AnswerDirectRequest.Builder answer = AnswerDirectRequest.newBuilder().setIntroId(introId).setAccept(mine != null);
        if (mine != null) answer.setEndpoint(toWire(mine));
        return requests.request(Frame.newBuilder().setAnswerDirect(answer), Frame.BodyCase.OK).thenApply(f -> null);
    }

    /** The offer in a server push, if it is one. */
    public static Optional<Offer> offerIn(Frame push) {
        if (!push.hasDirectOffer()) return Optional.empty();
        var offer = push.getDirectOffer();
        return Optional.of(new Offer(offer.getIntroId(), offer.getFromUserId(), fromWire(offer.getEndpoint())));
    }

    static DirectEndpoint toWire(Endpoint e) {
        DirectEndpoint.Builder wire = DirectEndpoint.newBuilder().setPort(e.port()).setFingerprint(e.fingerprint());
        for (Candidate c : e.candidates()) wire.addCandidates(DirectCandidate.newBuilder().setHost(c.host()).setPort(c.port()));
        return wire.build();
    }

    static Endpoint fromWire(DirectEndpoint e) {
        return new Endpoint(e.getCandidatesList().stream()
                .map(c -> new Candidate(c.getHost(), c.getPort(), c.getObserved())).toList(), e.getPort(), e.getFingerprint());
    }
}

package im.magpie.server.p2p;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Ok;
import im.magpie.server.ServerContext;
import im.magpie.server.dispatch.Access;
import im.magpie.server.social.SocialFeature;

/**
 * Direct channels between friends: the server's part is introductions only
 * ({@link DirectIntroductions}); the channel itself runs between the clients (mutual TLS 1.3 on
 * certificates whose fingerprints the introduction carries). {@link P2pSettings#DIRECT_CHANNELS}
 * turns it off: every request is then refused with FORBIDDEN and a text that says why.
 */
public record P2pFeature(DirectIntroductions introductions) {

    public static P2pFeature install(ServerContext ctx, SocialFeature social) {
        DirectIntroductions introductions = new DirectIntroductions(ctx.settings().get(P2pSettings.DIRECT_CHANNELS),
                ctx.settings().get(im.magpie.server.config.CoreSettings.NODE_ID),
                social.graph(), ctx.router(), ctx.workers(), ctx.settings().get(P2pSettings.INTRO_TIMEOUT_MILLIS));
        ctx.routes().async(Frame.BodyCase.OPEN_DIRECT, Access.AUTHENTICATED, call ->
                introductions.open(call.userId(), call.connection(), call.frame().getOpenDirect())
                        .thenApply(intro -> Frame.newBuilder().setDirectIntroduction(intro)));
        ctx.routes().async(Frame.BodyCase.ANSWER_DIRECT, Access.AUTHENTICATED, call -> {
            introductions.answer(call.userId(), call.connection(), call.frame().getAnswerDirect());
            return java.util.concurrent.CompletableFuture.completedFuture(Frame.newBuilder().setOk(Ok.getDefaultInstance()));
        });
        return new P2pFeature(introductions);
    }
}

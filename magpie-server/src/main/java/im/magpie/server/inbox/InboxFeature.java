package im.magpie.server.inbox;

import im.magpie.protocol.proto.Frame;
import im.magpie.server.ServerContext;
import im.magpie.server.account.AccountFeature;
import im.magpie.server.dispatch.Access;
import im.magpie.server.dispatch.Call;

/** The inbox: sync route, latest sequence in LoginOk and Pong. Other features append to it. */
public record InboxFeature(Inbox inbox) {

    public static InboxFeature install(ServerContext ctx, AccountFeature accounts) {
        Inbox inbox = new Inbox(ctx.database().jdbi(), ctx.router(), ctx.clock(),
                ctx.database().dialect().keysPerInList());
        accounts.handlers().addLoginContributor((userId, request, ok) -> ok.setLatestSeq(inbox.latestSeq(userId)));
        ctx.pings().useLatestSeq(inbox::latestSeqIfCached);
        ctx.routes().blocking(Frame.BodyCase.SYNC, Access.AUTHENTICATED, (Call call) -> {
            var req = call.frame().getSync();
            return Frame.newBuilder().setSyncPage(inbox.sync(call.userId(), req.getAfterSeq(), req.getLimit()));
        });
        return new InboxFeature(inbox);
    }
}

package im.magpie.server.group;

import im.magpie.server.ServerContext;
import im.magpie.server.account.AccountFeature;
import im.magpie.server.inbox.InboxFeature;
import im.magpie.server.message.GroupDirectory;
import im.magpie.server.social.SocialFeature;

/**
 * Groups: service, wire handlers, live member presence, the lobby, and the {@link GroupDirectory}
 * that messaging uses to fan group messages out.
 */
public record GroupFeature(GroupService service, GroupDirectory directory, MemberWatch watch,
                           MemberPresenceSource presence) {

    public static GroupFeature install(ServerContext ctx, AccountFeature accounts, InboxFeature inbox,
                                       SocialFeature social) {
        GroupStore store = new GroupStore();
        MemberPresenceSource presence = new MemberPresenceSource(ctx.router());
        presence.use(social.presence()::visible); // away/busy; invisible shows as offline
        GroupService service = new GroupService(ctx.database().jdbi(), store, inbox.inbox(), social.graph(), ctx.ids(),
                ctx.clock(), presence::isOnline, ctx.settings().get(GroupSettings.MAX_MEMBERS),
                ctx.settings().get(GroupSettings.MAX_GROUPS_PER_USER));
        MemberWatch watch = new MemberWatch(service, presence, ctx.router(), ctx.workers());
        service.onMembershipEnded(watch::membershipEnded);
        ctx.sessions().addListener(watch);
        social.presence().addStatusListener(watch::changed);
        new GroupHandlers(service, watch, presence, social.profiles()::storeImage).register(ctx.routes());
        social.profiles().alsoShowImagesWhen(service::groupAvatarVisibleTo);
        if (ctx.settings().get(GroupSettings.LOBBY_ENABLED)) {
            service.ensureLobby("Lobby", ctx.settings().get(GroupSettings.LOBBY_PRIVATE_WORDS));
            accounts.service().addRegistrationListener(user -> service.joinLobby(user.userId()));
        }
        return new GroupFeature(service, new MemberDirectory(ctx.database().jdbi(), store), watch, presence);
    }
}

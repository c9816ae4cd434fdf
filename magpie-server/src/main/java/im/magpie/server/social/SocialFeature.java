package im.magpie.server.social;

import im.magpie.server.ServerContext;
import im.magpie.server.account.AccountFeature;
import im.magpie.server.config.Settings;
import im.magpie.server.inbox.InboxFeature;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Friends, friend requests, categories, blocks, presence and profiles (nickname, signature,
 * avatar, search). Other features read the social graph (who may message whom) and presence.
 * Adds the friend list (unless the device holds the current version) and pending requests to every
 * login answer.
 */
public record SocialFeature(SocialGraph graph, Presence presence, Profiles profiles, FriendRequests requests,
                            Friends friends) {

    /** One node: chosen statuses in memory. */
    public static SocialFeature install(ServerContext ctx, AccountFeature accounts, InboxFeature inbox) {
        return install(ctx, accounts, inbox, ChosenStatuses.inMemory());
    }

    /** @param statuses where users' chosen statuses are kept (mirrored from Redis on a cluster: see ClusterWiring) */
    public static SocialFeature install(ServerContext ctx, AccountFeature accounts, InboxFeature inbox, ChosenStatuses statuses) {
        Settings s = ctx.settings();
        Jdbi jdbi = ctx.database().jdbi();
        SocialGraph graph = new JdbcSocialGraph(jdbi);
        Presence presence = new Presence(ctx.router(), graph, ctx.workers(), ctx.clock(), statuses);
        ctx.sessions().addListener(presence);
        accounts.handlers().useOwnPresence(presence::own);
        FriendListVersions versions = new FriendListVersions(jdbi, ctx.ids());
        ProfileStore profileStore = new ProfileStore(jdbi, versions);
        FriendStore friendStore = new FriendStore(jdbi);
        AvatarUploads uploads = new AvatarUploads(profileStore, ctx.clock(), s.get(SocialSettings.AVATAR_CHANGES_PER_HOUR),
                Duration.ofMinutes(s.get(SocialSettings.AVATAR_UNUSED_KEEP_MINUTES)));
        Profiles profiles = new Profiles(profileStore, graph, presence, ctx.router(), ctx.clock(), uploads);
        FriendRequests requests = new FriendRequests(jdbi, new FriendRequestStore(), profileStore, friendStore, versions, graph,
                inbox.inbox(), presence, ctx.ids(), ctx.clock(),
                Duration.ofDays(s.get(SocialSettings.FRIEND_REQUEST_TTL_DAYS)),
                s.get(SocialSettings.MAX_PENDING_REQUESTS_PER_USER), s.get(SocialSettings.MAX_FRIENDS));
        Friends friends = new Friends(friendStore, versions, profileStore, graph, requests, presence, inbox.inbox(), ctx.router(),
                ctx.ids(), ctx.clock(), s.get(SocialSettings.MAX_CATEGORIES));
        new SocialHandlers(profiles, requests, friends, presence, ctx.router()).register(ctx.routes());
        accounts.handlers().addLoginContributor((userId, request, ok) -> {
            List<Long> friendIds = null;
            try {
                ok.getSelfBuilder().setPresence(presence.own(userId));
                friendIds = friends.addToLogin(userId, request.hasResume() ? request.getResume().getFriendListVersion() : 0, ok);
                ok.addAllPendingFriendRequests(requests.pending(userId));
            } finally {
                // Here rather than as a session listener: the answer has just read the friend ids.
                presence.announceLogin(userId, friendIds);
            }
        });
        return new SocialFeature(graph, presence, profiles, requests, friends);
    }
}

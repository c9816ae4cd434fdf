package im.magpie.server.social;

import im.magpie.protocol.Limits;
import im.magpie.protocol.proto.Avatar;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Profile;
import im.magpie.protocol.proto.ProfileChanged;
import im.magpie.protocol.proto.UserList;
import im.magpie.server.account.AccountProtos;
import im.magpie.server.account.Credentials;
import im.magpie.server.account.User;
import im.magpie.server.cluster.Router;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.session.DeviceRef;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * Profiles: nickname, signature and avatar; looking people up and searching by username.
 *
 * <p>Who sees what: anyone logged in sees a user's public profile (username, nickname, signature,
 * avatar hash), as a search shows it; presence only the user themself and their friends (strangers
 * get PRESENCE_UNSPECIFIED). The avatar image itself is served to the user, their friends, and
 * whoever has an open friend request with them (later: fellow group members). A change is pushed as
 * {@code ProfileChanged} to the user's friends and their own other devices, never to strangers.
 * Blocking; call from worker threads. Thread-safe.
 */
public final class Profiles {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /** Users of one avatar checked against the extra rules (a shared picture could have many). */
    private static final int AVATAR_OWNERS_CHECKED = 50;

    private final ProfileStore store;
    private final SocialGraph graph;
    private final Presence presence;
    private final Router router;
    private final Clock clock;
    private final AvatarUploads uploads;
    private final List<BiPredicate<Long, Long>> avatarRules = new CopyOnWriteArrayList<>();
    private final List<BiPredicate<Long, String>> imageRules = new CopyOnWriteArrayList<>();

    Profiles(ProfileStore store, SocialGraph graph, Presence presence, Router router, Clock clock, AvatarUploads uploads) {
        this.uploads = uploads;
        this.store = store;
        this.graph = graph;
        this.presence = presence;
        this.router = router;
        this.clock = clock;
    }

    /** Changes what is given (null = unchanged) and returns the new profile. */
    public Profile update(long userId, String rawNickname, String rawSignature, DeviceRef origin) {
        String nickname = rawNickname == null ? null : Credentials.nickname(rawNickname);
        String signature = rawSignature == null ? null
                : Texts.check(rawSignature, 0, Limits.SIGNATURE_MAX_CHARS, false, "social.signature.invalid");
        User user = user(userId);
        if (nickname == null && signature == null) return own(user);
        User updated = new User(userId, user.username(), nickname != null ? nickname : user.nickname(),
                signature != null ? signature : user.signature(), user.avatarHash(), user.createdMs());
        store.update(userId, updated.nickname(), updated.signature());
        announce(updated, origin);
        return own(updated);
    }

    /**
     * Checks, normalises and stores an avatar, makes it the user's and returns the new profile.
     * Counts against the user's uploads per hour; the picture it replaces is deleted later if
     * nobody else uses it (see {@link AvatarUploads}).
     */
    public Profile setAvatar(long userId, byte[] image, DeviceRef origin) {
        uploads.checkAndCount(userId);
        AvatarImage.Normalised avatar = AvatarImage.normalise(image, Limits.AVATAR_MAX_BYTES, Limits.AVATAR_MAX_PIXELS_PER_SIDE);
        User user = user(userId);
        store.setAvatar(userId, avatar.hash(), avatar.png(), clock.millis());
        User updated = new User(userId, user.username(), user.nickname(), user.signature(), avatar.hash(), user.createdMs());
        if (!avatar.hash().equals(user.avatarHash())) announce(updated, origin);
        uploads.sweepUnused();
        return own(updated);
    }

    /**
     * Checks and normalises a picture like a user's avatar (same limits, same refusals) and stores
     * it, for other features' pictures (a group's avatar); returns its hash. Nothing is stored if
     * the picture is refused. Counts against {@code uploaderId}'s uploads per hour, like an avatar.
     */
    public String storeImage(long uploaderId, byte[] image) {
        uploads.checkAndCount(uploaderId);
        AvatarImage.Normalised avatar = AvatarImage.normalise(image, Limits.AVATAR_MAX_BYTES, Limits.AVATAR_MAX_PIXELS_PER_SIDE);
        store.storeImage(avatar.hash(), avatar.png(), clock.millis());
        uploads.sweepUnused();
        return avatar.hash();
    }

    /** Also serve a picture to whoever {@code viewerSeesImage(viewer, hash)} allows (e.g. a group's members). */
    public void alsoShowImagesWhen(BiPredicate<Long, String> viewerSeesImage) {
        imageRules.add(viewerSeesImage);
    }

    /** The avatar with this hash, if {@code viewer} may see someone who uses it; else NOT_FOUND. */
    public Avatar avatar(long viewer, String rawHash) {
        String hash = rawHash == null ? "" : rawHash.strip().toLowerCase(Locale.ROOT);
        if (!HASH.matcher(hash).matches()) throw MagpieException.badRequest("social.avatar.bad_hash");
        if (!store.avatarVisibleTo(hash, viewer, clock.millis()) && !byRule(viewer, hash)) {
            throw MagpieException.notFound("social.avatar.not_found");
        }
        byte[] png = store.avatar(hash).orElseThrow(() -> MagpieException.notFound("social.avatar.not_found"));
        return Avatar.newBuilder().setAvatarHash(hash).setMimeType(AvatarImage.MIME_TYPE)
                .setImage(com.google.protobuf.ByteString.copyFrom(png)).build();
    }

    /**
     * Also serve avatars to whoever {@code viewerSeesOwner(viewer, owner)} allows, e.g. fellow group
     * members. Asked only when the user, friend and open-request checks fail. Blocking is fine.
     */
    public void alsoShowAvatarsWhen(BiPredicate<Long, Long> viewerSeesOwner) {
        avatarRules.add(viewerSeesOwner);
    }

    private boolean byRule(long viewer, String hash) {
        for (BiPredicate<Long, String> rule : imageRules) {
            if (rule.test(viewer, hash)) return true;
        }
        if (avatarRules.isEmpty()) return false;
        for (long owner : store.usersWithAvatar(hash, AVATAR_OWNERS_CHECKED)) {
            for (BiPredicate<Long, Long> rule : avatarRules) {
                if (rule.test(viewer, owner)) return true;
            }
        }
        return false;
    }

    /** A user's profile by id (if non-zero) or username, with presence if the viewer may see it. */
    public Profile get(long viewer, long userId, String username) {
        Optional<User> user = userId != 0 ? store.find(userId)
                : store.findByUsername(username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
        return view(viewer, user.orElseThrow(() -> MagpieException.notFound("social.user.not_found")), null);
    }

    /** The exact username, then (for 3+ characters) usernames starting with the query; at most 20. */
    public UserList search(long viewer, String rawQuery, int rawLimit) {
        String query = rawQuery == null ? "" : rawQuery.strip().toLowerCase(Locale.ROOT);
        if (query.isEmpty() || query.length() > Limits.USERNAME_MAX_CHARS) {
            throw MagpieException.badRequest("social.search.invalid", Limits.USERNAME_MAX_CHARS);
        }
        int limit = rawLimit <= 0 ? Limits.SEARCH_MAX_RESULTS : Math.min(rawLimit, Limits.SEARCH_MAX_RESULTS);
        String prefix = query.length() >= Limits.SEARCH_PREFIX_MIN_CHARS ? query : null;
        List<User> found = store.search(query, prefix, limit);
        Set<Long> friends = new HashSet<>(graph.friendIds(viewer));
        UserList.Builder list = UserList.newBuilder();
        for (User u : found) list.addUsers(view(viewer, u, friends));
        return list.build();
    }

    /** The user's own profile with their own presence (for LoginOk and answers). */
    public Profile own(User user) {
        return AccountProtos.profile(user).setPresence(presence.own(user.userId())).build();
    }

    private Profile view(long viewer, User user, Set<Long> friendsOfViewer) {
        if (user.userId() == viewer) return own(user);
        boolean friend = friendsOfViewer != null ? friendsOfViewer.contains(user.userId()) : graph.areFriends(viewer, user.userId());
        Profile.Builder p = AccountProtos.profile(user);
        if (friend) p.setPresence(presence.visible(user.userId()));
        return p.build();
    }

    private User user(long userId) {
        return store.find(userId).orElseThrow(() -> MagpieException.notFound("social.user.not_found"));
    }

    private void announce(User user, DeviceRef origin) {
        Frame toFriends = Frame.newBuilder().setProfileChanged(ProfileChanged.newBuilder()
                .setProfile(AccountProtos.profile(user).setPresence(presence.visible(user.userId())))).build();
        for (long friend : graph.friendIds(user.userId())) router.push(friend, toFriends);
        Frame toSelf = Frame.newBuilder().setProfileChanged(ProfileChanged.newBuilder().setProfile(own(user))).build();
        router.pushExcept(user.userId(), toSelf, origin);
    }
}

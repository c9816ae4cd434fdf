package im.magpie.client.internal;

import com.google.protobuf.ByteString;
import im.magpie.client.Social;
import im.magpie.protocol.proto.Avatar;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GetAvatarRequest;
import im.magpie.protocol.proto.GetProfileRequest;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.Profile;
import im.magpie.protocol.proto.SearchUsersRequest;
import im.magpie.protocol.proto.SetAvatarRequest;
import im.magpie.protocol.proto.SetStatusRequest;
import im.magpie.protocol.proto.UpdateProfileRequest;
import im.magpie.protocol.proto.WhoAmIRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Profiles (nickname, signature, avatar), user search and one's own presence status (docs/protocol.md,
 * "Social"). Get it from {@link MagpieClient#profiles()}. Friends' changes arrive as
 * {@code ProfileChanged} and {@code PresenceChanged} pushes. Thread-safe.
 */
public final class Profiles {
    private final MagpieClient client;

    Profiles(MagpieClient client) {
        this.client = client;
    }

    /** This account's own profile. */
    public CompletableFuture<Profile> whoami() {
        return client.request(Frame.newBuilder().setWhoami(WhoAmIRequest.getDefaultInstance()), Frame.BodyCase.PROFILE)
                .thenApply(Frame::getProfile);
    }

    /** The exact username, then usernames starting with {@code query} (3+ characters); at most 20. */
    public CompletableFuture<List<Profile>> search(String query, int limit) {
        return client.request(Frame.newBuilder().setSearchUsers(SearchUsersRequest.newBuilder().setQuery(query).setLimit(limit)),
                Frame.BodyCase.USER_LIST).thenApply(f -> f.getUserList().getUsersList());
    }

    public CompletableFuture<Profile> get(String username) {
        return profile(GetProfileRequest.newBuilder().setUsername(username));
    }

    public CompletableFuture<Profile> get(long userId) {
        return profile(GetProfileRequest.newBuilder().setUserId(userId));
    }

    private CompletableFuture<Profile> profile(GetProfileRequest.Builder req) {
        return client.request(Frame.newBuilder().setGetProfile(req), Frame.BodyCase.PROFILE).thenApply(Frame::getProfile);
    }

    /** Changes the nickname and/or signature (null leaves one unchanged); answers the new profile. */
    public CompletableFuture<Profile> update(String nickname, String signature) {
        UpdateProfileRequest.Builder req = UpdateProfileRequest.newBuilder();
        if (nickname != null) req.setNickname(nickname);
        if (signature != null) req.setSignature(signature);
        return client.request(Frame.newBuilder().setUpdateProfile(req), Frame.BodyCase.PROFILE).thenApply(Frame::getProfile);
    }

    /** Uploads a PNG or JPEG (at most 256 KiB and 1024x1024); answers the profile with the new avatar hash. */
    public CompletableFuture<Profile> setAvatar(byte[] image) {
        return client.request(Frame.newBuilder().setSetAvatar(SetAvatarRequest.newBuilder().setImage(ByteString.copyFrom(image))),
                Frame.BodyCase.PROFILE).thenApply(Frame::getProfile);
    }

    /** The normalised avatar (128x128 PNG) with this hash; cache it by hash, it never changes. */
    public CompletableFuture<Avatar> avatar(String avatarHash) {
        return client.request(Frame.newBuilder().setGetAvatar(GetAvatarRequest.newBuilder().setAvatarHash(avatarHash)),
                Frame.BodyCase.AVATAR).thenApply(Frame::getAvatar);
    }

    /** ONLINE, AWAY, BUSY or INVISIBLE (invisible looks offline to everyone else). */
    public CompletableFuture<Void> setStatus(PresenceStatus status) {
        return client.request(Frame.newBuilder().setSetStatus(SetStatusRequest.newBuilder().setStatus(status)),
                Frame.BodyCase.OK).thenAccept(f -> { });
    }
}

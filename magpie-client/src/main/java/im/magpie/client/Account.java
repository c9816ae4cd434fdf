package im.magpie.client;

import im.magpie.client.history.Presence;
import im.magpie.client.internal.Online;
import im.magpie.client.internal.Records;
import java.util.concurrent.CompletableFuture;

/**
 * This account's own profile, avatar, status and password, through a {@link Messenger}
 * ({@link Messenger#account()}). Requests fail with {@link MagpieConnectionException} when not
 * online and {@link MagpieClientException} when refused. Thread-safe.
 */
public final class Account {
    private final Online session;

    Account(Online session) {
        this.session = session;
    }

    /** This account's profile as the server has it now. */
    public CompletableFuture<UserProfile> whoAmI() {
        return session.client().thenCompose(c -> c.profiles().whoami()).thenApply(Records::profile);
    }

    /** Changes nickname and/or signature ({@code null} leaves one as it is). */
    public CompletableFuture<UserProfile> updateProfile(String nickname, String signature) {
        return session.client().thenCompose(c -> c.profiles().update(nickname, signature)).thenApply(Records::profile);
    }

    /** Sets the avatar from a PNG or JPEG image (the server normalises it to 128x128). */
    public CompletableFuture<UserProfile> setAvatar(byte[] image) {
        return session.client().thenCompose(c -> c.profiles().setAvatar(image)).thenApply(Records::profile);
    }

    /** The avatar image (PNG) with this hash, anyone's this account may see; cache it by hash. */
    public CompletableFuture<byte[]> avatar(String avatarHash) {
        return session.client().thenCompose(c -> c.profiles().avatar(avatarHash))
                .thenApply(a -> a.getImage().toByteArray());
    }

    /**
     * Sets this account's presence: ONLINE, AWAY, BUSY or INVISIBLE (looks offline to others).
     *
     * @throws IllegalArgumentException for OFFLINE or UNKNOWN
     */
    public CompletableFuture<Void> setStatus(Presence status) {
        var wire = Records.wire(status);
        return session.client().thenCompose(c -> c.profiles().setStatus(wire));
    }

    /** Changes the password; the other sessions' tokens are revoked. */
    public CompletableFuture<Void> changePassword(String oldPassword, String newPassword) {
        return session.client().thenCompose(c -> c.changePassword(oldPassword, newPassword));
    }
}

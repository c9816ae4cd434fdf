package im.magpie.client;

import im.magpie.client.history.Presence;
import java.util.Objects;

/**
 * A user's public profile as the server showed it.
 *
 * @param userId the user id
 * @param username the unique login name
 * @param nickname the display name they chose ({@code ""} for none)
 * @param signature their status line ({@code ""} for none)
 * @param avatarHash hex SHA-256 of the avatar, {@code ""} for none
 * @param presence their presence as this account may see it ({@link Presence#UNKNOWN} for strangers)
 * @param createdMs when the account was created
 */
public record UserProfile(long userId, String username, String nickname, String signature, String avatarHash,
                          Presence presence, long createdMs) {
    public UserProfile {
        username = Objects.requireNonNullElse(username, "");
        nickname = Objects.requireNonNullElse(nickname, "");
        signature = Objects.requireNonNullElse(signature, "");
        avatarHash = Objects.requireNonNullElse(avatarHash, "");
        presence = Objects.requireNonNullElse(presence, Presence.UNKNOWN);
    }

    /** This person as a {@link UserRef}: nickname, else username. */
    public UserRef ref() {
        return new UserRef(userId, username, nickname.isBlank() ? username : nickname);
    }
}

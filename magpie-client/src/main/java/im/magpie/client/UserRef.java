package im.magpie.client;

import java.util.Objects;

/**
 * A person as events and queries name them: the id and the best name this account knows.
 *
 * @param userId the user id, positive
 * @param username the unique login name, {@code ""} when this account has not heard it yet
 * @param displayName what to show: this account's remark for them, else their nickname, else
 *     their username, else {@code "user <id>"}
 */
public record UserRef(long userId, String username, String displayName) {
    public UserRef {
        username = Objects.requireNonNullElse(username, "");
        displayName = Objects.requireNonNullElse(displayName, "");
        if (displayName.isBlank()) {
            displayName = username.isBlank() ? "user " + userId : username;
        }
    }

    /** Someone this account knows nothing about but the id. */
    public static UserRef unknown(long userId) {
        return new UserRef(userId, "", "");
    }

    /** Whether a username is known (else {@link #displayName} is {@code "user <id>"}). */
    public boolean named() {
        return !username.isBlank();
    }

    @Override
    public String toString() {
        return displayName;
    }
}

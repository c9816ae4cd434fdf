package im.magpie.desktop.model;

/** The logged-in account's own profile. */
public record SelfProfile(long userId, String username, String nickname, String signature, String avatarHash) {
    public String displayName() {
        return nickname == null || nickname.isBlank() ? username : nickname;
    }
}

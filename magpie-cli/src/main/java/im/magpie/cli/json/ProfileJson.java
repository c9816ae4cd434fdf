package im.magpie.cli.json;

import im.magpie.client.UserProfile;


/** A user's profile in {@code --json} output. */
public record ProfileJson(long userId, String username, String nickname, String signature, String presence) {
    public static ProfileJson of(UserProfile p) {
        return new ProfileJson(p.userId(), p.username(), p.nickname(), p.signature(), p.presence().name());
    }
}

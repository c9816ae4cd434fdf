package im.magpie.cli.json;

import im.magpie.protocol.proto.Profile;

/** A user's profile in {@code --json} output. */
public record ProfileJson(long userId, String username, String nickname, String signature, String presence) {
    public static ProfileJson of(Profile p) {
        return new ProfileJson(p.getUserId(), p.getUsername(), p.getNickname(), p.getSignature(),
                p.getPresence().name());
    }
}

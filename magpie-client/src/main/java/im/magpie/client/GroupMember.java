package im.magpie.client;

import im.magpie.client.history.MemberRole;
import java.util.Objects;

/**
 * One member of a group.
 *
 * @param profile the member's profile (presence as this account may see it)
 * @param role the member's role
 * @param joinedMs when they joined
 */
public record GroupMember(UserProfile profile, MemberRole role, long joinedMs) {
    public GroupMember {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(role, "role");
    }
}

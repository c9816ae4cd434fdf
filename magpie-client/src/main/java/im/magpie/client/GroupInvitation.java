package im.magpie.client;

import java.util.Objects;

/**
 * An invitation to a group that this account has not answered yet (accept it with
 * {@link GroupChats#answerInvitation}).
 *
 * @param group the group (id and name)
 * @param invitedBy who invited this account
 * @param timeMs when
 */
public record GroupInvitation(GroupRef group, UserRef invitedBy, long timeMs) {
    public GroupInvitation {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(invitedBy, "invitedBy");
    }
}

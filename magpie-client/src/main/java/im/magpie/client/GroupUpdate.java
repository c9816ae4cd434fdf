package im.magpie.client;

import java.util.Optional;

/**
 * What to change of a group ({@link GroupChats#update}); an empty field stays as it is.
 *
 * @param name a new name (1-40 characters)
 * @param announcement a new announcement ({@code ""} clears it)
 * @param joinPolicy a new join policy
 * @param privateChatAllowed whether members who are not friends may write to each other
 * @param avatar a new avatar, PNG or JPEG
 */
public record GroupUpdate(Optional<String> name, Optional<String> announcement, Optional<JoinPolicy> joinPolicy,
                          Optional<Boolean> privateChatAllowed, Optional<byte[]> avatar) {
    /** Changes nothing; add fields with the {@code with*} methods. */
    public static GroupUpdate none() {
        return new GroupUpdate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public GroupUpdate withName(String v) {
        return new GroupUpdate(Optional.of(v), announcement, joinPolicy, privateChatAllowed, avatar);
    }

    public GroupUpdate withAnnouncement(String v) {
        return new GroupUpdate(name, Optional.of(v), joinPolicy, privateChatAllowed, avatar);
    }

    public GroupUpdate withJoinPolicy(JoinPolicy v) {
        return new GroupUpdate(name, announcement, Optional.of(v), privateChatAllowed, avatar);
    }

    public GroupUpdate withPrivateChatAllowed(boolean v) {
        return new GroupUpdate(name, announcement, joinPolicy, Optional.of(v), avatar);
    }

    public GroupUpdate withAvatar(byte[] v) {
        return new GroupUpdate(name, announcement, joinPolicy, privateChatAllowed, Optional.of(v.clone()));
    }
}

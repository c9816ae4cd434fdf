package im.magpie.desktop.model;

/** Something that asks the user for an answer: shown in the notices list with accept / reject. */
public sealed interface Notice {
    /** A stable key, so the same notice heard twice (push and sync) is listed once. */
    String key();

    /** Someone asks to be friends. */
    record FriendRequest(long requestId, String fromName, String note) implements Notice {
        @Override
        public String key() {
            return "friend:" + requestId;
        }
    }

    /** Someone invited this account into a group. */
    record GroupInvitation(long groupId, String groupName, String inviterName) implements Notice {
        @Override
        public String key() {
            return "group:" + groupId;
        }
    }
}

package im.magpie.desktop.model;

/** A conversation as the desktop names it: a one-to-one chat with a user, or a group chat. */
public record ChatKey(Kind kind, long id) {
    /** Which kind of conversation. */
    public enum Kind { USER, GROUP }

    public ChatKey {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be positive: " + id);
        }
    }

    public static ChatKey user(long userId) {
        return new ChatKey(Kind.USER, userId);
    }

    public static ChatKey group(long groupId) {
        return new ChatKey(Kind.GROUP, groupId);
    }

    public boolean isGroup() {
        return kind == Kind.GROUP;
    }
}

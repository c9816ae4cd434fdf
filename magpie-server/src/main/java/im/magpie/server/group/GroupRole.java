package im.magpie.server.group;

/** A member's role; {@link #code} is what the database stores (the same numbers as the wire enum). */
public enum GroupRole {
    MEMBER(1), ADMIN(2), OWNER(3);

    private final int code;

    GroupRole(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Owner and admins manage members and settings. */
    public boolean isAdmin() {
        return this != MEMBER;
    }

    public static GroupRole of(int code) {
        for (GroupRole r : values()) if (r.code == code) return r;
        throw new IllegalArgumentException("unknown group role " + code);
    }
}

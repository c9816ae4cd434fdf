package im.magpie.server.group;

/**
 * How people join a group; {@link #code} is what the database stores (the wire enum's numbers).
 * An INVITE_ONLY group is private: to anyone who is neither a member nor invited it does not exist
 * (NOT_FOUND).
 */
public enum JoinPolicy {
    INVITE_ONLY(1), APPROVAL(2), OPEN(3);

    private final int code;

    JoinPolicy(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static JoinPolicy of(int code) {
        for (JoinPolicy p : values()) if (p.code == code) return p;
        throw new IllegalArgumentException("unknown join policy " + code);
    }
}

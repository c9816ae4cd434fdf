package im.magpie.cli.bench.xmpp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bench's user ids and their JIDs ({@code username@domain}) in one load process. Scenarios
 * address peers by user id, as on Magpie's wire; the XMPP driver writes the JID and reads the
 * sender's id back from the {@code from} of what arrives. Both users of a pair live in the same
 * process, and each is added when it connects, so every address the driver needs is known.
 */
public final class XmppDirectory {
    private final String domain;
    private final Map<Long, String> jidById = new ConcurrentHashMap<>();
    private final Map<String, Long> idByLocalpart = new ConcurrentHashMap<>();

    public XmppDirectory(String domain) {
        this.domain = domain;
    }

    public String domain() {
        return domain;
    }

    public void add(long userId, String username) {
        jidById.put(userId, username + "@" + domain);
        idByLocalpart.put(username, userId);
    }

    /** The bare JID of a user this process has connected. */
    public String jid(long userId) {
        String jid = jidById.get(userId);
        if (jid == null) throw new IllegalArgumentException("user " + userId + " is not connected in this load process");
        return jid;
    }

    /** The user id behind a full or bare JID, or -1 for a user this process does not know. */
    public long userIdOf(String jid) {
        if (jid == null) return -1;
        int at = jid.indexOf('@');
        if (at <= 0) return -1;
        Long id = idByLocalpart.get(jid.substring(0, at));
        return id == null ? -1 : id;
    }
}

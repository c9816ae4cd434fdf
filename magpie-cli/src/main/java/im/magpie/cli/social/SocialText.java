package im.magpie.cli.social;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.FriendRequestRecord;
import im.magpie.client.UserProfile;
import im.magpie.client.UserRef;
import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.Presence;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Shared pieces of the social commands: resolving users and requests, text for people. */
final class SocialText {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());

    private SocialText() {}

    /** The user id of {@code name}: someone the local caches know, else the server's profile lookup. */
    static long userId(ClientSession session, String name) {
        Optional<UserRef> known = session.messenger().addressBook().findUser(name);
        if (known.isPresent() && known.get().named()) {
            return known.get().userId();
        }
        return ClientSession.join(session.messenger().social().profile(name.strip())).userId();
    }

    /** "username (nickname)". */
    static String name(UserProfile p) {
        return p.nickname().isEmpty() || p.nickname().equals(p.username())
                ? p.username() : p.username() + " (" + p.nickname() + ")";
    }

    /** "username (display name)". */
    static String name(UserRef u) {
        return u.displayName().equals(u.username()) || u.username().isEmpty()
                ? u.displayName() : u.username() + " (" + u.displayName() + ")";
    }

    /** The localised presence, or "" when not shown (strangers). */
    static String presence(CliContext ctx, Presence status) {
        return switch (status) {
            case ONLINE, AWAY, BUSY, INVISIBLE, OFFLINE -> ctx.messages().get("presence." + status.name().toLowerCase(Locale.ROOT));
            default -> "";
        };
    }

    static String profileLine(CliContext ctx, UserProfile p) {
        return line(ctx, name(p), p.userId(), p.presence(), p.signature());
    }

    static String profileLine(CliContext ctx, ContactRecord c) {
        String name = c.nickname().isEmpty() || c.nickname().equals(c.username())
                ? c.username() : c.username() + " (" + c.nickname() + ")";
        return line(ctx, name, c.userId(), c.presence(), c.signature());
    }

    private static String line(CliContext ctx, String name, long userId, Presence p, String signature) {
        StringBuilder line = new StringBuilder(name).append("  #").append(userId);
        String presence = presence(ctx, p);
        if (!presence.isEmpty()) line.append("  [").append(presence).append(']');
        if (!signature.isEmpty()) line.append("  \u201c").append(signature).append('\u201d');
        return line.toString();
    }

    static String requestLine(CliContext ctx, FriendRequestRecord r) {
        String key = r.incoming() ? "friend.requests.incoming-line" : "friend.requests.outgoing-line";
        String note = r.note().isEmpty() ? "" : "  \u201c" + r.note().replace('\n', ' ') + '\u201d';
        return ctx.messages().get(key, String.valueOf(r.requestId()), name(r.other()),
                DATE.format(Instant.ofEpochMilli(r.expiresMs()))) + note;
    }

    /**
     * The request {@code ref} names among {@code candidates}: its id, or the username of the other
     * side. A number not among them is passed on as an id (the server answers NOT_FOUND if wrong).
     */
    static long requestId(CliContext ctx, List<FriendRequestRecord> candidates, String ref) {
        String wanted = ref.strip().toLowerCase(Locale.ROOT);
        Optional<FriendRequestRecord> match = candidates.stream().filter(r -> String.valueOf(r.requestId()).equals(wanted)
                || r.other().username().equalsIgnoreCase(wanted)).findFirst();
        if (match.isPresent()) return match.get().requestId();
        if (wanted.chars().allMatch(Character::isDigit) && !wanted.isEmpty()) {
            try {
                return Long.parseLong(wanted);
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw ctx.fail(ExitCode.NOT_FOUND, "friend.request-not-found", ref);
    }
}

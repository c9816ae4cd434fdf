package im.magpie.cli.social;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.Profile;
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

    /** The user id of {@code username} (via the server's profile lookup). */
    static long userId(ClientSession session, String username) {
        return ClientSession.join(session.client().profiles().get(username)).getUserId();
    }

    /** "username (nickname)". */
    static String name(Profile p) {
        return p.getNickname().isEmpty() || p.getNickname().equals(p.getUsername())
                ? p.getUsername() : p.getUsername() + " (" + p.getNickname() + ")";
    }

    /** The localised presence, or "" when not shown (strangers). */
    static String presence(CliContext ctx, PresenceStatus status) {
        return switch (status) {
            case ONLINE, AWAY, BUSY, INVISIBLE, OFFLINE -> ctx.messages().get("presence." + status.name().toLowerCase(Locale.ROOT));
            default -> "";
        };
    }

    static String profileLine(CliContext ctx, Profile p) {
        StringBuilder line = new StringBuilder(name(p)).append("  #").append(p.getUserId());
        String presence = presence(ctx, p.getPresence());
        if (!presence.isEmpty()) line.append("  [").append(presence).append(']');
        if (!p.getSignature().isEmpty()) line.append("  \u201c").append(p.getSignature()).append('\u201d');
        return line.toString();
    }

    static String requestLine(CliContext ctx, FriendRequest r, boolean incoming) {
        Profile other = incoming ? r.getFrom() : r.getTo();
        String key = incoming ? "friend.requests.incoming-line" : "friend.requests.outgoing-line";
        String note = r.getNote().isEmpty() ? "" : "  \u201c" + r.getNote().replace('\n', ' ') + '\u201d';
        return ctx.messages().get(key, String.valueOf(r.getRequestId()), name(other), DATE.format(Instant.ofEpochMilli(r.getExpiresMs())))
                + note;
    }

    /**
     * The request {@code ref} names among {@code candidates}: its id, or the username of the other
     * side. A number not among them is passed on as an id (the server answers NOT_FOUND if wrong).
     */
    static long requestId(CliContext ctx, List<FriendRequest> candidates, String ref, boolean incoming) {
        String wanted = ref.strip().toLowerCase(Locale.ROOT);
        Optional<FriendRequest> match = candidates.stream().filter(r -> String.valueOf(r.getRequestId()).equals(wanted)
                || (incoming ? r.getFrom() : r.getTo()).getUsername().equals(wanted)).findFirst();
        if (match.isPresent()) return match.get().getRequestId();
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

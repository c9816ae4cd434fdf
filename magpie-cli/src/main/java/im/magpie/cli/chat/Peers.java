package im.magpie.cli.chat;

import im.magpie.cli.Messages;
import im.magpie.cli.CliException;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.MagpieClient;
import im.magpie.client.MagpieClientException;
import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.GroupRecord;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.PeerRef;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.GetProfileRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a person types (a username, a user id, a group name or id) into a conversation, and
 * a conversation back into a name. Works offline from the local contact and group caches; online
 * it can also ask the server for a username's id.
 */
public final class Peers {
    private Peers() {}

    /** A user: numeric id, a cached contact's username, or (with a client) the server's answer. */
    public static PeerRef user(Messages text, HistoryStore store, MagpieClient online, String user) {
        String name = user.startsWith("@") ? user.substring(1) : user;
        if (name.matches("\\d{1,18}") && Long.parseLong(name) > 0) {
            return PeerRef.user(Long.parseLong(name));
        }
        for (ContactRecord c : store.contacts()) {
            if (c.username().equalsIgnoreCase(name)) {
                return PeerRef.user(c.userId());
            }
        }
        if (online != null) {
            try {
                Frame answer = ClientSession.join(online.request(Frame.newBuilder().setGetProfile(
                        GetProfileRequest.newBuilder().setUsername(name.toLowerCase(Locale.ROOT))), Frame.BodyCase.PROFILE));
                return PeerRef.user(answer.getProfile().getUserId());
            } catch (MagpieClientException e) {
                throw new CliException(ExitCode.NOT_FOUND, text.get("error.unknown-user", name, e.getMessage()));
            }
        }
        throw new CliException(ExitCode.NOT_FOUND, text.get("error.unknown-user-offline", name));
    }

    /** A group: numeric id or a cached group's name. */
    public static PeerRef group(Messages text, HistoryStore store, String group) {
        if (group.matches("\\d{1,18}") && Long.parseLong(group) > 0) {
            return PeerRef.group(Long.parseLong(group));
        }
        for (GroupRecord g : store.groups()) {
            if (g.name().equalsIgnoreCase(group)) {
                return PeerRef.group(g.groupId());
            }
        }
        throw new CliException(ExitCode.NOT_FOUND, text.get("error.unknown-group", group));
    }

    /** {@code --with USER} / {@code --group G}: at most one; null when neither is given. */
    public static PeerRef optional(Messages text, HistoryStore store, MagpieClient online, String user, String group) {
        if (user != null && group != null) {
            throw new CliException(ExitCode.USAGE, text.get("error.user-or-group"));
        }
        if (user != null) {
            return user(text, store, online, user);
        }
        return group == null ? null : group(text, store, group);
    }

    /** The name to show for a user: self, a cached contact, or "user N". */
    public static String userName(HistoryStore store, long selfId, String selfName, long userId) {
        if (userId == selfId) {
            return selfName;
        }
        Optional<ContactRecord> c = store.contact(userId);
        return c.map(ContactRecord::username).filter(n -> !n.isEmpty()).orElse("user " + userId);
    }

    /** The name to show for a conversation. */
    public static String peerName(HistoryStore store, long selfId, String selfName, PeerRef peer) {
        if (peer.kind() == PeerKind.GROUP) {
            return store.group(peer.id()).map(GroupRecord::name).filter(n -> !n.isEmpty())
                    .map(n -> "#" + n).orElse("group " + peer.id());
        }
        return userName(store, selfId, selfName, peer.id());
    }
}

package im.magpie.cli.chat;

import im.magpie.cli.CliException;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.Messages;
import im.magpie.client.MagpieClientException;
import im.magpie.client.Messenger;
import im.magpie.client.UserRef;
import im.magpie.client.history.PeerRef;
import java.util.Optional;

/**
 * Turns what a person types (a username, nickname, remark, user id, a group name or id) into a
 * conversation, and a conversation back into a name. Works offline from the messenger's caches,
 * which know everyone the account has heard of; online it can also ask the server for a username.
 */
public final class Peers {
    private Peers() {}

    /** A user: numeric id, someone the caches know, or (online) the server's answer. */
    public static PeerRef user(Messages text, Messenger messenger, boolean online, String user) {
        String name = user.startsWith("@") ? user.substring(1) : user;
        Optional<UserRef> known = messenger.addressBook().findUser(name);
        if (known.isPresent() && (known.get().named() || name.matches("\\d{1,18}"))) {
            return PeerRef.user(known.get().userId());
        }
        if (online) {
            try {
                return PeerRef.user(ClientSession.join(messenger.social().profile(name.strip())).userId());
            } catch (MagpieClientException e) {
                throw new CliException(ExitCode.NOT_FOUND, text.get("error.unknown-user", name, e.getMessage()));
            }
        }
        throw new CliException(ExitCode.NOT_FOUND, text.get("error.unknown-user-offline", name));
    }

    /** A group: numeric id or a cached group's name. */
    public static PeerRef group(Messages text, Messenger messenger, String group) {
        return messenger.addressBook().findGroup(group).map(g -> PeerRef.group(g.groupId()))
                .orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, text.get("error.unknown-group", group)));
    }

    /** {@code --with USER} / {@code --group G}: at most one; null when neither is given. */
    public static PeerRef optional(Messages text, Messenger messenger, boolean online, String user, String group) {
        if (user != null && group != null) {
            throw new CliException(ExitCode.USAGE, text.get("error.user-or-group"));
        }
        if (user != null) {
            return user(text, messenger, online, user);
        }
        return group == null ? null : group(text, messenger, group);
    }

    /** The name to show for a user. */
    public static String userName(Messenger messenger, long userId) {
        return messenger.addressBook().user(userId).displayName();
    }

    /** The name to show for a conversation: a friend's name, or {@code #group}. */
    public static String peerName(Messenger messenger, PeerRef peer) {
        String title = messenger.addressBook().chat(peer).title();
        boolean namedGroup = peer.kind() == im.magpie.client.history.PeerKind.GROUP && !title.equals("group " + peer.id());
        return namedGroup ? "#" + title : title;
    }
}

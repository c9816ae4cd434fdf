package im.magpie.client;

import im.magpie.client.history.PeerRef;
import java.util.Objects;

/**
 * A conversation with its title: the friend's display name or the group's name.
 *
 * @param peer the conversation's key
 * @param title what to call it (never blank; {@code "user <id>"} / {@code "group <id>"} when unknown)
 */
public record ChatRef(PeerRef peer, String title) {
    public ChatRef {
        Objects.requireNonNull(peer, "peer");
        title = Objects.requireNonNullElse(title, "");
        if (title.isBlank()) {
            title = peer.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + peer.id();
        }
    }

    @Override
    public String toString() {
        return title;
    }
}

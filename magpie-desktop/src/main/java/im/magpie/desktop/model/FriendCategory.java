package im.magpie.desktop.model;

import java.util.List;

/** One collapsible category of the friend list: its friends online first, and its counts. */
public record FriendCategory(long categoryId, String name, int online, int total, List<Contact> friends) {
    public FriendCategory {
        friends = List.copyOf(friends);
    }
}

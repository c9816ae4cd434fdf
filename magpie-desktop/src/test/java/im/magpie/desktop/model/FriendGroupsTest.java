package im.magpie.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FriendGroupsTest {
    private static Contact friend(long id, String name, PresenceState p, long category, String categoryName) {
        return new Contact(id, name.toLowerCase(), name, "sig of " + name, "", p, category, categoryName);
    }

    private final List<Contact> contacts = List.of(
            friend(1, "Zoe", PresenceState.ONLINE, 0, "My Friends"),
            friend(2, "Adam", PresenceState.OFFLINE, 0, ""),
            friend(3, "Bella", PresenceState.BUSY, 0, ""),
            friend(4, "Carl", PresenceState.OFFLINE, 7, "Colleagues"),
            friend(5, "王小明", PresenceState.AWAY, 7, "Colleagues"));

    @Test
    void categories_list_online_friends_first_then_by_name_with_online_and_total_counts() {
        List<FriendCategory> cats = FriendGroups.arrange(contacts, "", "我的好友", Locale.ENGLISH);
        assertThat(cats).extracting(FriendCategory::name, FriendCategory::online, FriendCategory::total)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("我的好友", 2, 3),
                        org.assertj.core.groups.Tuple.tuple("Colleagues", 1, 2));
        assertThat(cats.get(0).friends()).extracting(Contact::displayName).containsExactly("Bella", "Zoe", "Adam");
        assertThat(cats.get(1).friends()).extracting(Contact::displayName).containsExactly("王小明", "Carl");
    }

    @Test
    void the_search_box_keeps_matching_friends_and_drops_empty_categories_but_not_the_counts() {
        List<FriendCategory> cats = FriendGroups.arrange(contacts, "  ca ", "My Friends", Locale.ENGLISH);
        assertThat(cats).hasSize(1);
        assertThat(cats.get(0).friends()).extracting(Contact::displayName).containsExactly("Carl");
        assertThat(cats.get(0).total()).isEqualTo(2);
        assertThat(FriendGroups.arrange(contacts, "小明", "x", Locale.CHINESE).get(0).friends())
                .extracting(Contact::userId).containsExactly(5L);
    }
}

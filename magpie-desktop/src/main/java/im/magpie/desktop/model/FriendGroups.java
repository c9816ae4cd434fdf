package im.magpie.desktop.model;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Arranges friends QQ-style: by category, online friends first, each category with online/total. */
public final class FriendGroups {
    static final String SERVER_DEFAULT_CATEGORY = "My Friends";

    private FriendGroups() {}

    /**
     * @param filter matched case-insensitively against display name, username and signature; blank keeps all
     * @param defaultName the name shown for the default category (id 0 or no name)
     */
    public static List<FriendCategory> arrange(List<Contact> contacts, String filter, String defaultName, Locale locale) {
        String f = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        Collator collator = Collator.getInstance(locale);
        Comparator<Contact> order = Comparator.comparing((Contact c) -> !c.presence().online())
                .thenComparing(Contact::displayName, collator);
        Map<Long, List<Contact>> byCategory = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        contacts.stream().sorted(Comparator.comparingLong(Contact::categoryId)).forEach(c -> {
            byCategory.computeIfAbsent(c.categoryId(), k -> new ArrayList<>()).add(c);
            names.putIfAbsent(c.categoryId(), isDefault(c) ? defaultName : c.categoryName());
        });
        List<FriendCategory> result = new ArrayList<>();
        byCategory.forEach((id, all) -> {
            List<Contact> shown = all.stream().filter(c -> f.isEmpty() || matches(c, f)).sorted(order).toList();
            if (!f.isEmpty() && shown.isEmpty()) {
                return;
            }
            int online = (int) all.stream().filter(c -> c.presence().online()).count();
            result.add(new FriendCategory(id, names.get(id), online, all.size(), shown));
        });
        return result;
    }

    /** The server's default category ("My Friends", in English) is shown in the window's language. */
    private static boolean isDefault(Contact c) {
        return c.categoryId() == 0 || c.categoryName().isBlank() || c.categoryName().equals(SERVER_DEFAULT_CATEGORY);
    }

    private static boolean matches(Contact c, String f) {
        return c.displayName().toLowerCase(Locale.ROOT).contains(f) || c.username().toLowerCase(Locale.ROOT).contains(f)
                || c.signature().toLowerCase(Locale.ROOT).contains(f);
    }
}

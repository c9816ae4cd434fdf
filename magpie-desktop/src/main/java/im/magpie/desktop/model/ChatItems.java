package im.magpie.desktop.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Builds the rows of a chat view: messages, files and group lines in time order, a separator per
 * day, the sender's name and avatar on the first of a run from one person.
 */
public final class ChatItems {
    private ChatItems() {}

    public static List<ChatItem> build(List<ChatMessage> oldestFirst, List<GroupActivity> activities, ZoneId zone,
                                       LongFunction<String> names) {
        return build(oldestFirst, activities, List.of(), zone, names);
    }

    public static List<ChatItem> build(List<ChatMessage> oldestFirst, List<GroupActivity> activities,
                                       List<FileTransfer> files, ZoneId zone, LongFunction<String> names) {
        List<Object> all = new ArrayList<>();
        long first = oldestFirst.isEmpty() ? Long.MIN_VALUE : oldestFirst.get(0).timeMs();
        // lines and files older than the first message shown belong to pages not loaded
        List<Object> extras = new ArrayList<>();
        activities.stream().filter(a -> a.timeMs() >= first).forEach(extras::add);
        files.stream().filter(f -> f.timeMs() >= first || oldestFirst.isEmpty()).forEach(extras::add);
        extras.sort(Comparator.comparingLong(ChatItems::time));
        // messages keep their stored order (one being sent has a local time); the others fit in by time
        int next = 0;
        for (ChatMessage m : oldestFirst) {
            while (next < extras.size() && time(extras.get(next)) < m.timeMs()) {
                all.add(extras.get(next++));
            }
            all.add(m);
        }
        all.addAll(extras.subList(next, extras.size()));
        List<ChatItem> items = new ArrayList<>();
        LocalDate day = null;
        long lastSender = -1;
        for (Object what : all) {
            LocalDate d = Instant.ofEpochMilli(time(what)).atZone(zone).toLocalDate();
            if (!d.equals(day)) {
                items.add(new ChatItem.DaySeparator(d));
                day = d;
                lastSender = -1;
            }
            if (what instanceof ChatMessage m) {
                items.add(new ChatItem.Bubble(m, names.apply(m.senderId()), m.senderId() != lastSender));
                lastSender = m.senderId();
            } else if (what instanceof FileTransfer f) {
                items.add(new ChatItem.FileItem(f, names.apply(f.senderId()), f.senderId() != lastSender));
                lastSender = f.senderId();
            } else {
                items.add(new ChatItem.Activity((GroupActivity) what));
                lastSender = -1;
            }
        }
        return items;
    }

    private static long time(Object what) {
        if (what instanceof ChatMessage m) {
            return m.timeMs();
        }
        if (what instanceof FileTransfer f) {
            return f.timeMs();
        }
        return ((GroupActivity) what).timeMs();
    }
}

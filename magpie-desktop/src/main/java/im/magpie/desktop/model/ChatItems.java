package im.magpie.desktop.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;

/** Builds the rows of a chat view: messages and group lines in time order, a separator per day. */
public final class ChatItems {
    private ChatItems() {}

    public static List<ChatItem> build(List<ChatMessage> oldestFirst, List<GroupActivity> activities, ZoneId zone,
                                       LongFunction<String> names) {
        List<Object> all = new ArrayList<>();
        long first = oldestFirst.isEmpty() ? Long.MIN_VALUE : oldestFirst.get(0).timeMs();
        List<GroupActivity> lines = activities.stream().filter(a -> a.timeMs() >= first) // older: pages not loaded
                .sorted(Comparator.comparingLong(GroupActivity::timeMs)).toList();
        // messages keep their stored order (one being sent has a local time); lines fit in by time
        int next = 0;
        for (ChatMessage m : oldestFirst) {
            while (next < lines.size() && lines.get(next).timeMs() < m.timeMs()) {
                all.add(lines.get(next++));
            }
            all.add(m);
        }
        all.addAll(lines.subList(next, lines.size()));
        List<ChatItem> items = new ArrayList<>();
        LocalDate day = null;
        long lastSender = -1;
        for (Object what : all) {
            long time = what instanceof ChatMessage m ? m.timeMs() : ((GroupActivity) what).timeMs();
            LocalDate d = Instant.ofEpochMilli(time).atZone(zone).toLocalDate();
            if (!d.equals(day)) {
                items.add(new ChatItem.DaySeparator(d));
                day = d;
                lastSender = -1;
            }
            if (what instanceof ChatMessage m) {
                items.add(new ChatItem.Bubble(m, names.apply(m.senderId()), m.senderId() != lastSender));
                lastSender = m.senderId();
            } else {
                items.add(new ChatItem.Activity((GroupActivity) what));
                lastSender = -1;
            }
        }
        return items;
    }
}

package im.magpie.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatItemsTest {
    private static final long DAY1 = LocalDate.of(2026, 12, 1).atTime(23, 50).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long DAY2 = LocalDate.of(2026, 12, 2).atTime(8, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    private static ChatMessage msg(long localId, long sender, long time, MessageMark mark) {
        return new ChatMessage(localId, localId * 10, "c" + localId, ChatKey.group(9), sender, sender == 1, time,
                "text " + localId, mark, false);
    }

    @Test
    void a_day_separator_comes_before_the_first_message_of_each_day_and_runs_show_the_sender_once() {
        List<ChatItem> items = ChatItems.build(List.of(
                msg(1, 2, DAY1, MessageMark.READ), msg(2, 2, DAY1 + 1000, MessageMark.READ),
                msg(3, 1, DAY2, MessageMark.SENT)), List.of(), ZoneOffset.UTC, id -> "user" + id);
        assertThat(items).hasSize(5);
        assertThat(items.get(0)).isEqualTo(new ChatItem.DaySeparator(LocalDate.of(2026, 12, 1)));
        assertThat(((ChatItem.Bubble) items.get(1)).showSender()).isTrue();
        assertThat(((ChatItem.Bubble) items.get(2)).showSender()).isFalse();
        assertThat(items.get(3)).isEqualTo(new ChatItem.DaySeparator(LocalDate.of(2026, 12, 2)));
        assertThat(((ChatItem.Bubble) items.get(4)).senderName()).isEqualTo("user1");
    }

    @Test
    void group_lines_fit_in_by_time_and_a_message_being_sent_keeps_its_stored_place() {
        GroupActivity joined = new GroupActivity(9, GroupActivity.Kind.JOINED, "Alice", "Bob", DAY2 + 500);
        GroupActivity before = new GroupActivity(9, GroupActivity.Kind.JOINED, "Alice", "Old", DAY1 - 99_000);
        ChatMessage sending = msg(4, 1, DAY2 - 5000, MessageMark.SENDING); // local clock behind the server's
        List<ChatItem> items = ChatItems.build(List.of(msg(1, 2, DAY1, MessageMark.READ), msg(3, 2, DAY2 + 1000,
                MessageMark.READ), sending), List.of(joined, before), ZoneOffset.UTC, id -> "u" + id);
        assertThat(items).extracting(i -> i.getClass().getSimpleName() + (i instanceof ChatItem.Bubble b
                ? b.message().localId() : "")).containsExactly("DaySeparator", "Bubble1", "DaySeparator", "Activity",
                "Bubble3", "Bubble4");
    }

    @Test
    void files_fit_in_by_time_and_start_a_run_of_their_sender() {
        FileTransfer photo = new FileTransfer("in-5", 5, ChatKey.group(9), 2, false, "photo.png", 10, true, null,
                FileTransfer.State.OFFERED, 0, null, null, DAY1 + 500);
        FileTransfer older = new FileTransfer("in-6", 6, ChatKey.group(9), 2, false, "old.txt", 10, false, null,
                FileTransfer.State.OFFERED, 0, null, null, DAY1 - 99_000);
        List<ChatItem> items = ChatItems.build(List.of(msg(1, 1, DAY1, MessageMark.READ),
                msg(2, 2, DAY1 + 1000, MessageMark.READ)), List.of(), List.of(photo, older), ZoneOffset.UTC, id -> "u" + id);
        assertThat(items).extracting(i -> i.getClass().getSimpleName()).containsExactly("DaySeparator", "Bubble",
                "FileItem", "Bubble");
        assertThat(((ChatItem.FileItem) items.get(2)).showSender()).isTrue();
        assertThat(((ChatItem.Bubble) items.get(3)).showSender()).as("same sender as the file").isFalse();
    }
}

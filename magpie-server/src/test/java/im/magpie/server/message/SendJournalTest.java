package im.magpie.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Text;
import im.magpie.server.inbox.StoredEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's record format: what goes in comes back, and a record cut short or damaged ends the replay. */
class SendJournalTest {
    @TempDir
    Path dir;

    private static MessageStore.NewMessage message(long id, String text) {
        return new MessageStore.NewMessage(id, 7, new Conversation(Conversation.USER, 8), "c" + id, 0,
                Content.newBuilder().setText(Text.newBuilder().setText(text)).build(), 1_000 + id, 40 + id);
    }

    private static StoredEvent event(long user, long seq, long messageId) {
        return new StoredEvent(user, InboxEvent.newBuilder().setSeq(seq).setTimeMs(1_000 + messageId)
                .setMessage(ChatMessage.newBuilder().setMessageId(messageId).setSenderId(7)).build());
    }

    private static byte[] record(long id, String text) throws IOException {
        ByteBuffer b = SendJournal.encode(List.of(message(id, text)), List.of(event(8, 3 + id, id), event(7, 40 + id, id)));
        return Arrays.copyOf(b.array(), b.limit());
    }

    @Test
    void records_come_back_as_written() throws IOException {
        Path segment = dir.resolve("sends-1.log");
        Files.write(segment, concat(record(1, "早上好 🐦"), record(2, "second")));

        List<SendJournal.Entry> entries = SendJournal.read(segment);

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).messages()).containsExactly(message(1, "早上好 🐦"));
        assertThat(entries.get(0).events()).containsExactly(event(8, 4, 1), event(7, 41, 1));
        assertThat(entries.get(1).messages().get(0).clientMsgId()).isEqualTo("c2");
    }

    @Test
    void a_record_cut_short_by_a_crash_ends_the_segment() throws IOException {
        byte[] third = record(3, "never acknowledged");
        Path segment = dir.resolve("sends-1.log");
        Files.write(segment, concat(record(1, "a"), record(2, "b"), Arrays.copyOf(third, third.length - 5)));

        assertThat(SendJournal.read(segment)).hasSize(2);
    }

    @Test
    void a_damaged_record_fails_its_checksum_and_ends_the_segment() throws IOException {
        byte[] second = record(2, "bit rot");
        second[second.length - 3] ^= 0x10;
        Path segment = dir.resolve("sends-1.log");
        Files.write(segment, concat(record(1, "a"), second, record(3, "c")));

        assertThat(SendJournal.read(segment)).extracting(e -> e.messages().get(0).messageId()).containsExactly(1L);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}

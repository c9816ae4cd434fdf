package im.magpie.client.internal.session;

import com.google.protobuf.InvalidProtocolBufferException;
import im.magpie.client.MessengerEvent;
import im.magpie.client.NamedMessage;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.NoticeRecord;
import im.magpie.protocol.proto.InboxEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What was synced and never shown ({@link im.magpie.client.history.NoticeBox}), replayed as
 * named events for a front end to show, and the "seen" marks a front end sets: every connecting
 * program syncs, only the one that shows an event uses it up. Thread-safe: {@link #show} runs on
 * the caller's thread, one call at a time, so two callers never show the same event.
 */
final class UnseenEvents {
    private static final Logger log = LoggerFactory.getLogger(UnseenEvents.class);

    /** Notices and messages read per round. */
    static final int PAGE = HistoryStore.MAX_PAGE_SIZE;

    private final HistoryStore store;
    private final InboxNotices notices;

    UnseenEvents(HistoryStore store, InboxNotices notices) {
        this.store = store;
        this.notices = notices;
    }

    /** One unseen thing: a message or a kept notice, placed by server time. */
    private record Item(long timeMs, MessageRecord message, NoticeRecord notice) {}

    /**
     * Hands {@code show} every unseen message and notice, oldest first (consecutive messages in one
     * {@link MessengerEvent.MessagesReceived}), and marks each seen once {@code show} returned for
     * it; if {@code show} throws, what it was given before stays seen and the rest unseen.
     *
     * @return how many events {@code show} was given
     */
    synchronized int show(Consumer<? super MessengerEvent> show) {
        int shown = 0;
        while (true) {
            List<Item> page = page();
            if (page.isEmpty()) {
                return shown;
            }
            List<Long> seenSeqs = new ArrayList<>();
            List<Long> seenIds = new ArrayList<>();
            try {
                List<MessageRecord> run = new ArrayList<>();
                for (Item item : page) {
                    if (item.message() != null) {
                        run.add(item.message());
                        continue;
                    }
                    shown += flush(run, show, seenIds);
                    for (MessengerEvent e : decode(item.notice())) {
                        show.accept(e);
                        shown++;
                    }
                    seenSeqs.add(item.notice().seq());
                }
                shown += flush(run, show, seenIds);
            } finally {
                store.notices().markSeen(seenSeqs, seenIds);
            }
        }
    }

    /** Marks what a front end showed as it happened: a message batch or an inbox notice. */
    void markSeen(MessengerEvent event) {
        if (event instanceof MessengerEvent.MessagesReceived m) {
            store.notices().markSeen(List.of(), m.messages().stream().map(NamedMessage::localId).toList());
        } else if (event instanceof MessengerEvent.InboxNotice n && n.seq() > 0) {
            store.notices().markSeen(List.of(n.seq()), List.of());
        }
    }

    private List<Item> page() {
        List<Item> items = new ArrayList<>();
        store.notices().unseenMessages(PAGE).forEach(m -> items.add(new Item(m.timeMs(), m, null)));
        store.notices().unseen(PAGE).forEach(n -> items.add(new Item(n.timeMs(), null, n)));
        items.sort(Comparator.comparingLong(Item::timeMs)); // stable: stored order within a kind
        return items;
    }

    private int flush(List<MessageRecord> run, Consumer<? super MessengerEvent> show, List<Long> seenIds) {
        if (run.isEmpty()) {
            return 0;
        }
        List<NamedMessage> named = run.stream().map(notices::named).toList();
        show.accept(new MessengerEvent.MessagesReceived(named));
        run.forEach(m -> seenIds.add(m.localId()));
        run.clear();
        return 1;
    }

    /** The notice's events for a person (not the cache hints such as ConversationChanged). */
    private List<MessengerEvent> decode(NoticeRecord notice) {
        try {
            InboxEvent event = InboxEvent.parseFrom(notice.payload());
            return notices.events(List.of(event), List.of()).stream()
                    .filter(e -> e instanceof MessengerEvent.InboxNotice).toList();
        } catch (InvalidProtocolBufferException e) {
            log.warn("a kept notice (seq {}) could not be read; skipping it: {}", notice.seq(), e.getMessage());
            return List.of();
        }
    }
}

package im.magpie.cli.message;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.ClientEvent;
import im.magpie.client.ClientListener;
import im.magpie.client.Messages;
import im.magpie.client.history.HistoryMappers;
import im.magpie.client.history.HistoryStore;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.ReceiptKind;
import im.magpie.protocol.proto.SyncPage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the inbox events not yet in the local history: syncs from the local history's last
 * sequence ({@code HistoryStore.lastSeq()}, shared with {@code magpie chat} and the library),
 * storing each page in the local history in one transaction before printing it; then with
 * {@code --follow} prints each new event as it is pushed, and syncs again whenever a heartbeat
 * shows a gap. Acknowledges received one-to-one messages with DELIVERED receipts. Own messages sent
 * from this profile are already in the local history (the outbox) and are not printed again.
 */
@Command(name = "receive", description = "Print new messages and other events (one JSON line each with --json).")
public final class ReceiveCommand extends ClientCommand {
    @Option(names = "--follow", description = "Keep running and print events as they arrive.")
    boolean follow;

    @Option(names = "--timeout", paramLabel = "S", description = "With --follow: stop after S seconds (default: run until interrupted).")
    long timeoutSeconds;

    private CliContext ctx;
    private ClientSession session;
    private Chats chats;
    private HistoryStore store;
    private long lastSeq;

    @Override
    protected ExitCode execute(CliContext ctx) throws InterruptedException {
        this.ctx = ctx;
        BlockingQueue<Object> incoming = new LinkedBlockingQueue<>();
        try (ClientSession s = ClientSession.resume(ctx)) {
            session = s;
            chats = new Chats(s, im.magpie.cli.file.FileTexts.of(ctx));
            store = s.history();
            lastSeq = store.lastSeq();
            ClientListener listener = event -> {
                if (event instanceof ClientEvent.Push push && push.frame().hasEvent()) incoming.add(push.frame().getEvent().getEvent());
                else if (event instanceof ClientEvent.Heartbeat beat) incoming.add(beat);
            };
            if (follow) s.client().addListener(listener);
            syncFrom();
            if (!follow) return ExitCode.SUCCESS;
            long deadline = timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : Long.MAX_VALUE;
            while (System.nanoTime() < deadline) {
                Object next = incoming.poll(Math.min(1_000_000_000L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next instanceof InboxEvent e) {
                    if (e.getSeq() <= lastSeq) continue;               // already printed (a sync got it first)
                    if (e.getSeq() == lastSeq + 1) emit(List.of(e));
                    else syncFrom();                                  // a gap: something was missed
                } else if (next instanceof ClientEvent.Heartbeat beat && beat.latestSeq() > lastSeq) {
                    syncFrom();
                }
            }
            return ExitCode.SUCCESS;
        }
    }

    private void syncFrom() {
        while (true) {
            SyncPage page = ClientSession.join(session.client().messages().sync(lastSeq, Messages.SYNC_PAGE_MAX));
            emit(page.getEventsList());
            if (!page.getHasMore() || page.getEventsCount() == 0) return;
        }
    }

    /** Stores events and the new sequence in one transaction, prints them, then acknowledges delivery. */
    private void emit(List<InboxEvent> events) {
        if (events.isEmpty()) return;
        long newSeq = Math.max(lastSeq, events.get(events.size() - 1).getSeq());
        store.applySyncedEvents(HistoryMappers.toHistoryEvents(events, chats.selfId()), newSeq);
        lastSeq = newSeq;
        Map<Long, Long> newestBySender = new HashMap<>();
        for (InboxEvent e : events) {
            ctx.output().result(chats.eventJson(e), chats.eventText(e));
            if (e.hasMessage() && e.getMessage().getTo().hasUserId() && e.getMessage().getSenderId() != chats.selfId()
                    && !e.getMessage().getRecalled()) {
                newestBySender.merge(e.getMessage().getSenderId(), e.getMessage().getMessageId(), Math::max);
            }
        }
        newestBySender.forEach((sender, upTo) -> ClientSession.join(
                session.client().messages().receipt(Messages.user(sender), ReceiptKind.DELIVERED, upTo)));
    }
}

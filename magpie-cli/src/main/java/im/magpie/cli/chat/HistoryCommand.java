package im.magpie.cli.chat;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.LocalHistory;
import im.magpie.client.MagpieClient;
import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.Messages;
import im.magpie.client.history.HistoryMappers;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.MessagePage;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerRef;
import im.magpie.client.profile.StoredAccount;
import im.magpie.protocol.Limits;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.HistoryPage;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code magpie history USER|--group G [--limit N]}: the newest messages of a conversation, from
 * the local history first; when it holds fewer than asked, older pages come from the server
 * ({@code HistoryRequest}) and are stored locally. Offline, it shows what is local.
 */
@Command(name = "history", description = "Show a conversation: the local history first, older pages from the server.")
public final class HistoryCommand extends ClientCommand {
    @Parameters(paramLabel = "USER", arity = "0..1", description = "The other user (username or id).")
    String user;

    @Option(names = "--group", paramLabel = "GROUP", description = "A group's conversation (id or name).")
    String group;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many messages (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--local", description = "Only the local history; do not connect.")
    boolean local;

    /** {@code --json}: the messages, oldest first. */
    public record HistoryJson(String conversation, List<MessageJson> messages, boolean fromServer) {}

    @Override
    protected ExitCode execute(CliContext ctx) {
        if ((user == null) == (group == null) || limit < 1 || limit > 500) {
            throw ctx.fail(ExitCode.USAGE, "error.history-usage");
        }
        StoredAccount account = ClientSession.selectAccount(ctx);
        ClientSession session = null;
        try (HistoryStore store = LocalHistory.open(ctx, account)) {
            PeerRef peer = group != null ? Peers.group(ctx.messages(), store, group) : tryResolve(ctx, store, account);
            MessagePage page = store.latestMessages(peer, limit);
            boolean fetched = false;
            if (page.messages().size() < limit && !local) {
                try {
                    session = ClientSession.resume(ctx);
                    fetched = fetchOlder(session.client(), store, account.userId(), peer,
                            limit - page.messages().size(), page.messages());
                } catch (MagpieConnectionException e) {
                    ctx.output().notice(ctx.messages().get("history.offline", e.getMessage()));
                } catch (MagpieClientException e) {
                    ctx.output().notice(ctx.messages().get("history.server-refused", e.getMessage()));
                }
                page = store.latestMessages(peer, limit);
            }
            List<MessageRecord> oldestFirst = new ArrayList<>(page.messages());
            java.util.Collections.reverse(oldestFirst);
            List<MessageJson> json = new ArrayList<>();
            StringBuilder out = new StringBuilder();
            for (MessageRecord m : oldestFirst) {
                String sender = Peers.userName(store, account.userId(), account.username(), m.senderId());
                json.add(MessageJson.of(m, sender));
                out.append(Formats.time(m.timeMs())).append("  ").append(sender).append(": ")
                        .append(m.recalled() ? ctx.messages().get("message.recalled") : m.text());
                if (m.outgoing() && m.status().name().equals("SENDING")) {
                    out.append("  ").append(ctx.messages().get("message.queued"));
                }
                out.append('\n');
            }
            if (oldestFirst.isEmpty()) {
                out.append(ctx.messages().get("history.empty"));
            }
            ctx.output().result(new HistoryJson(peer.toString(), json, fetched), out.toString().stripTrailing());
            return ExitCode.SUCCESS;
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    private PeerRef tryResolve(CliContext ctx, HistoryStore store, StoredAccount account) {
        if (local) {
            return Peers.user(ctx.messages(), store, null, user);
        }
        try {
            return Peers.user(ctx.messages(), store, null, user);
        } catch (RuntimeException offlineMiss) {
            try (ClientSession s = ClientSession.resume(ctx)) {
                return Peers.user(ctx.messages(), store, s.client(), user);
            }
        }
    }

    /** Pages backwards from the oldest local message with a server id; returns whether anything came. */
    static boolean fetchOlder(MagpieClient client, HistoryStore store, long selfId, PeerRef peer, int wanted,
                              List<MessageRecord> localNewestFirst) {
        long before = 0;
        for (int i = localNewestFirst.size() - 1; i >= 0; i--) {
            if (localNewestFirst.get(i).messageId() > 0) {
                before = localNewestFirst.get(i).messageId();
                break;
            }
        }
        if (!localNewestFirst.isEmpty() && before == 0) {
            return false; // only unsent local messages: nothing to page from
        }
        boolean any = false;
        long newestFetched = 0;
        boolean olderThanLocal = before > 0;
        while (wanted > 0) {
            int n = Math.min(wanted, Limits.HISTORY_PAGE_MAX);
            HistoryPage page = ClientSession.join(client.messages().history(peer.kind() == PeerKind.GROUP
                    ? Messages.group(peer.id()) : Messages.user(peer.id()), before, n));
            for (ChatMessage m : page.getMessagesList()) {
                store.insertIncoming(HistoryMappers.toIncoming(m, selfId));
                newestFetched = Math.max(newestFetched, m.getMessageId());
                any = true;
            }
            wanted -= page.getMessagesCount();
            if (!page.getHasMore() || page.getMessagesCount() == 0) {
                break;
            }
            before = page.getMessages(page.getMessagesCount() - 1).getMessageId();
        }
        if (olderThanLocal && newestFetched > 0) {
            store.markRead(peer, newestFetched); // old pages are history, not news: no unread count
        }
        return any;
    }
}

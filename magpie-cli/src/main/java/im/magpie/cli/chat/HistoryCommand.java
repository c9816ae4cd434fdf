package im.magpie.cli.chat;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.MagpieClientException;
import im.magpie.client.Messenger;
import im.magpie.client.NamedMessage;
import im.magpie.client.history.MessagePage;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.MessageStatus;
import im.magpie.client.history.PeerRef;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code magpie history USER|--group G [--limit N]}: the newest messages of a conversation, from
 * the local history first; when it holds fewer than asked, the messenger fetches older pages from
 * the server and stores them. Offline (or with {@code --local}), it shows what is local. Messages
 * the server refused are marked as not sent.
 */
@Command(name = "history", description = "Show a conversation: the local history first, older pages from the server.")
public final class HistoryCommand extends ClientCommand {
    @Parameters(paramLabel = "USER", arity = "0..1", description = "The other user (username, nickname, remark or id).")
    String user;

    @Option(names = "--group", paramLabel = "GROUP", description = "A group's conversation (id or name).")
    String group;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many messages (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--local", description = "Only the local history; do not connect.")
    boolean local;

    /** {@code --json}: the messages, oldest first. */
    public record HistoryJson(String conversation, String chat, List<MessageJson> messages, boolean fromServer) {}

    @Override
    protected ExitCode execute(CliContext ctx) {
        if ((user == null) == (group == null) || limit < 1 || limit > 500) {
            throw ctx.fail(ExitCode.USAGE, "error.history-usage");
        }
        try (ClientSession session = local ? ClientSession.local(ctx) : ClientSession.open(ctx)) {
            Messenger messenger = session.messenger();
            if (!local) {
                session.offlineCause().ifPresent(e -> ctx.output().notice(
                        ctx.messages().get("history.offline", e.getMessage())));
            }
            PeerRef peer = group != null ? Peers.group(ctx.messages(), messenger, group)
                    : Peers.user(ctx.messages(), messenger, session.online(), user);
            int localCount = messenger.history().latestMessages(peer, limit).messages().size();
            MessagePage page;
            try {
                page = ClientSession.join(messenger.conversations().older(peer, 0, limit));
            } catch (MagpieClientException e) {
                ctx.output().notice(ctx.messages().get("history.server-refused", e.getMessage()));
                page = messenger.history().latestMessages(peer, limit);
            }
            List<MessageRecord> oldestFirst = new ArrayList<>(page.messages());
            java.util.Collections.reverse(oldestFirst);
            List<MessageJson> json = new ArrayList<>();
            StringBuilder out = new StringBuilder();
            for (MessageRecord record : oldestFirst) {
                NamedMessage m = messenger.conversations().named(record);
                json.add(MessageJson.of(m));
                out.append(Formats.time(m.timeMs())).append("  ").append(m.sender().displayName()).append(": ")
                        .append(record.recalled() ? ctx.messages().get("message.recalled") : m.text());
                if (m.outgoing() && m.status() == MessageStatus.SENDING) {
                    out.append("  ").append(ctx.messages().get("message.queued"));
                } else if (m.outgoing() && m.status() == MessageStatus.FAILED) {
                    out.append("  ").append(ctx.messages().get("message.not-sent"));
                }
                out.append('\n');
            }
            if (oldestFirst.isEmpty()) {
                out.append(ctx.messages().get("history.empty"));
            }
            ctx.output().result(new HistoryJson(peer.toString(), messenger.addressBook().chat(peer).title(), json,
                    page.messages().size() > localCount), out.toString().stripTrailing());
            return ExitCode.SUCCESS;
        }
    }
}

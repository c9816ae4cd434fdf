package im.magpie.cli.chat;

import im.magpie.cli.CliContext;
import im.magpie.cli.CliException;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.LocalHistory;
import im.magpie.client.MagpieClientException;
import im.magpie.client.MagpieConnectionException;
import im.magpie.client.OutboxSender;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.MessageStatus;
import im.magpie.client.history.OutgoingMessage;
import im.magpie.client.history.PeerRef;
import im.magpie.client.profile.StoredAccount;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code magpie send USER TEXT...} / {@code magpie send --group G TEXT...}: the message goes into
 * the local outbox first, then to the server. When the server cannot be reached it stays queued,
 * the command exits with 9 ({@link ExitCode#QUEUED}), and the next command that connects sends it.
 */
@Command(name = "send", description = "Send a text message; when the server is unreachable it is queued (exit 9) and sent by the next command that connects.")
public final class SendCommand extends ClientCommand {
    @Option(names = "--group", paramLabel = "GROUP", description = "Send to a group (id or name) instead of a user.")
    String group;

    @Parameters(paramLabel = "USER TEXT", arity = "1..*", description = "The recipient (username or user id), then the text.")
    List<String> words;

    /** The JSON printed with {@code --json}. */
    public record SendJson(String status, String clientMsgId, long messageId, String conversation) {}

    @Override
    protected ExitCode execute(CliContext ctx) {
        if (group == null && words.size() < 2) {
            throw ctx.fail(ExitCode.USAGE, "error.send-usage");
        }
        String text = String.join(" ", group == null ? words.subList(1, words.size()) : words);
        if (text.isBlank()) {
            throw ctx.fail(ExitCode.USAGE, "error.send-usage");
        }
        StoredAccount account = ClientSession.selectAccount(ctx);
        ClientSession session = null;
        MagpieConnectionException unreachable = null;
        try {
            session = ClientSession.resume(ctx);
        } catch (MagpieConnectionException e) {
            unreachable = e;
        }
        HistoryStore store = session != null ? session.history() : LocalHistory.open(ctx, account);
        try {
            PeerRef peer = group != null ? Peers.group(ctx.messages(), store, group)
                    : Peers.user(ctx.messages(), store, session == null ? null : session.client(), words.get(0));
            String clientMsgId = store.enqueueOutgoing(OutgoingMessage.text(peer, account.userId(), text));
            if (session == null) {
                return queued(ctx, clientMsgId, peer, unreachable.getMessage());
            }
            OutboxSender.Result result = session.sendQueued(store);
            MessageRecord m = store.messageByClientMsgId(clientMsgId).orElseThrow();
            if (m.status() == MessageStatus.FAILED) {
                int i = result.refused().stream().map(MessageRecord::clientMsgId).toList().indexOf(clientMsgId);
                MagpieClientException reason = i >= 0 ? result.errors().get(i) : null;
                throw reason != null ? reason : new CliException(ExitCode.INTERNAL, "refused");
            }
            if (m.status() == MessageStatus.SENDING) {
                String why = result.errors().isEmpty() ? "" : result.errors().get(result.errors().size() - 1).getMessage();
                return queued(ctx, clientMsgId, peer, why);
            }
            ctx.output().result(new SendJson("sent", clientMsgId, m.messageId(), peer.toString()),
                    ctx.messages().get("send.sent", group != null ? group : words.get(0),
                            String.valueOf(m.messageId())));
            return ExitCode.SUCCESS;
        } finally {
            if (session != null) {
                session.close();
            } else {
                store.close();
            }
        }
    }

    private static ExitCode queued(CliContext ctx, String clientMsgId, PeerRef peer, String why) {
        ctx.output().notice(ctx.messages().get("send.queued", why));
        ctx.output().result(new SendJson("queued", clientMsgId, 0, peer.toString()), null);
        return ExitCode.QUEUED;
    }
}

package im.magpie.cli.chat;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.MagpieClientException;
import im.magpie.client.Messenger;
import im.magpie.client.MessengerEvent;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.MessageStatus;
import im.magpie.client.history.PeerRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code magpie send USER TEXT...} / {@code magpie send --group G TEXT...}: the message goes into
 * the local outbox first, then to the server. When the server cannot be reached it stays queued,
 * the command exits with 9 ({@link ExitCode#QUEUED}), and the next command that connects sends it.
 * USER is anyone this account has heard of (username, nickname or remark), so this works offline.
 */
@Command(name = "send", description = "Send a text message; when the server is unreachable it is queued (exit 9) and sent by the next command that connects.")
public final class SendCommand extends ClientCommand {
    @Option(names = "--group", paramLabel = "GROUP", description = "Send to a group (id or name) instead of a user.")
    String group;

    @Parameters(paramLabel = "USER TEXT", arity = "1..*", description = "The recipient (username, nickname, remark or user id), then the text.")
    List<String> words;

    /** The JSON printed with {@code --json}. */
    public record SendJson(String status, String clientMsgId, long messageId, String conversation, String chat) {}

    @Override
    protected ExitCode execute(CliContext ctx) {
        if (group == null && words.size() < 2) {
            throw ctx.fail(ExitCode.USAGE, "error.send-usage");
        }
        String text = String.join(" ", group == null ? words.subList(1, words.size()) : words);
        if (text.isBlank()) {
            throw ctx.fail(ExitCode.USAGE, "error.send-usage");
        }
        Map<String, MagpieClientException> refusals = new ConcurrentHashMap<>();
        try (ClientSession session = ClientSession.open(ctx, event -> {
            if (event instanceof MessengerEvent.MessageFailed failed) {
                refusals.put(failed.message().clientMsgId(), failed.reason());
            }
        })) {
            Messenger messenger = session.messenger();
            PeerRef peer = group != null ? Peers.group(ctx.messages(), messenger, group)
                    : Peers.user(ctx.messages(), messenger, session.online(), words.get(0));
            String chat = messenger.addressBook().chat(peer).title();
            MessageRecord queued = messenger.send(peer, text);
            session.finish(); // sends it (and whatever earlier commands queued), syncs
            MessageRecord m = messenger.history().messageByClientMsgId(queued.clientMsgId()).orElseThrow();
            if (m.status() == MessageStatus.FAILED) {
                MagpieClientException reason = refusals.get(m.clientMsgId());
                throw reason != null ? reason : ctx.fail(ExitCode.INTERNAL, "error.internal", "refused");
            }
            if (m.status() == MessageStatus.SENDING) {
                String why = session.offlineCause().map(Throwable::getMessage).orElse(messenger.state().name());
                ctx.output().notice(ctx.messages().get("send.queued", why));
                ctx.output().result(new SendJson("queued", m.clientMsgId(), 0, peer.toString(), chat), null);
                return ExitCode.QUEUED;
            }
            ctx.output().result(new SendJson("sent", m.clientMsgId(), m.messageId(), peer.toString(), chat),
                    ctx.messages().get("send.sent", chat, String.valueOf(m.messageId())));
            return ExitCode.SUCCESS;
        }
    }
}

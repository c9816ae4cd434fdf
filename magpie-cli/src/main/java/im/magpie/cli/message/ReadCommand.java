package im.magpie.cli.message;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.Messages;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.HistoryPage;
import im.magpie.protocol.proto.ReceiptKind;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "read", description = "Mark the conversation with a user as read (they get a read receipt).")
public final class ReadCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER", description = "The other person's username.")
    String user;

    @Override
    protected ExitCode execute(CliContext ctx) {
        try (ClientSession session = ClientSession.resume(ctx)) {
            Chats chats = new Chats(session);
            long other = chats.userId(user);
            HistoryPage page = ClientSession.join(session.client().messages()
                    .history(Messages.user(other), 0, Messages.HISTORY_PAGE_MAX));
            long newest = 0;
            for (ChatMessage m : page.getMessagesList()) { // newest first
                if (m.getSenderId() == other) {
                    newest = m.getMessageId();
                    break;
                }
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("user", other);
            json.put("upToMessageId", newest);
            if (newest == 0) {
                ctx.output().result(json, ctx.messages().get("msg.read.nothing", user));
                return ExitCode.SUCCESS;
            }
            ClientSession.join(session.client().messages().receipt(Messages.user(other), ReceiptKind.READ, newest));
            session.history().markRead(im.magpie.client.history.PeerRef.user(other), newest); // the local unread count
            ctx.output().result(json, ctx.messages().get("msg.read.done", user, String.valueOf(newest)));
            return ExitCode.SUCCESS;
        }
    }
}

package im.magpie.cli.message;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.cli.chat.Peers;
import im.magpie.client.Messenger;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerRef;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "read", description = "Mark the conversation with a user as read (they get a read receipt).")
public final class ReadCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER", description = "The other person (username, nickname, remark or id).")
    String user;

    @Override
    protected ExitCode execute(CliContext ctx) {
        try (ClientSession session = ClientSession.resume(ctx)) {
            Messenger messenger = session.messenger();
            PeerRef peer = Peers.user(ctx.messages(), messenger, true, user);
            // the newest messages, from the server if this profile has not stored them yet
            ClientSession.join(messenger.sync());
            ClientSession.join(messenger.conversations().older(peer, 0, 50));
            long newest = messenger.history().latestMessages(peer, 200).messages().stream()
                    .filter(m -> !m.outgoing() && m.messageId() > 0).mapToLong(MessageRecord::messageId).max().orElse(0);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("user", peer.id());
            json.put("upToMessageId", newest);
            if (newest == 0) {
                ctx.output().result(json, ctx.messages().get("msg.read.nothing", user));
                return ExitCode.SUCCESS;
            }
            ClientSession.join(messenger.markRead(peer));
            ctx.output().result(json, ctx.messages().get("msg.read.done", user, String.valueOf(newest)));
            return ExitCode.SUCCESS;
        }
    }
}

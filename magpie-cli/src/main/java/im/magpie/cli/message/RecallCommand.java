package im.magpie.cli.message;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "recall", description = "Recall (withdraw) one of your messages, within 2 minutes of sending it.")
public final class RecallCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "MESSAGE_ID", description = "The message id (from send, receive or history).")
    long messageId;

    @Override
    protected ExitCode execute(CliContext ctx) {
        try (ClientSession session = ClientSession.resume(ctx)) {
            ClientSession.join(session.messenger().recall(messageId));
            session.messenger().history().recall(messageId); // the text leaves the local history and its index now
            ctx.output().result(Map.of("recalled", messageId), ctx.messages().get("msg.recalled", String.valueOf(messageId)));
            return ExitCode.SUCCESS;
        }
    }
}

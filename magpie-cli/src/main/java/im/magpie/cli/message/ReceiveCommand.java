package im.magpie.cli.message;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.MessengerEvent;
import im.magpie.client.MessengerListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints what the account's messenger hears: it syncs the inbox from the local history's last
 * sequence (shared with {@code magpie chat} and the library) and prints every event whole (who,
 * what, where, with names), as text or one JSON object per line; with {@code --follow} it keeps
 * printing as events are pushed. Messages already in the local history (this profile's own, or
 * shown by {@code chat}) are not printed again; the messenger acknowledges delivery itself.
 */
@Command(name = "receive", description = "Print new messages and other events (one JSON line each with --json).")
public final class ReceiveCommand extends ClientCommand {
    @Option(names = "--follow", description = "Keep running and print events as they arrive.")
    boolean follow;

    @Option(names = "--timeout", paramLabel = "S", description = "With --follow: stop after S seconds (default: run until interrupted).")
    long timeoutSeconds;

    @Override
    protected ExitCode execute(CliContext ctx) throws InterruptedException {
        EventFormat format = new EventFormat(ctx.messages());
        MessengerListener printer = event -> {
            if (event instanceof MessengerEvent.StoreFailed failed) {
                ctx.output().notice(ctx.messages().get("error.history", failed.error().getMessage()));
            }
            for (EventFormat.Printed p : format.format(event)) {
                ctx.output().result(p.json(), p.text());
            }
        };
        try (ClientSession session = ClientSession.resume(ctx, printer)) {
            session.finish();
            if (follow) {
                CountDownLatch never = new CountDownLatch(1);
                if (timeoutSeconds > 0) {
                    never.await(timeoutSeconds, TimeUnit.SECONDS);
                } else {
                    never.await();
                }
            }
            return ExitCode.SUCCESS;
        }
    }
}

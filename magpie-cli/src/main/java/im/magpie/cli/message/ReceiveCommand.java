package im.magpie.cli.message;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.Messenger;
import im.magpie.client.MessengerEvent;
import im.magpie.client.MessengerListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints what the account has not been shown yet: it syncs the inbox from the local history's
 * last sequence (shared with {@code magpie chat} and the library), then prints every message and
 * notice no front end has shown, also those an earlier command synced quietly
 * ({@link Messenger#showUnseen}), whole (who, what, where, with names), as text or one JSON object
 * per line, and marks them seen; with {@code --follow} it keeps printing as events are pushed.
 * The messenger acknowledges delivery itself.
 */
@Command(name = "receive", description = "Print new messages and other events (one JSON line each with --json).")
public final class ReceiveCommand extends ClientCommand {
    @Option(names = "--follow", description = "Keep running and print events as they arrive.")
    boolean follow;

    @Option(names = "--timeout", paramLabel = "S", description = "With --follow: stop after S seconds (default: run until interrupted).")
    long timeoutSeconds;

    /** Set once the backlog is printed: from then on a pushed message or notice prints what is unseen. */
    private volatile Messenger live;

    @Override
    protected ExitCode execute(CliContext ctx) throws InterruptedException {
        EventFormat format = new EventFormat(ctx.messages());
        Consumer<MessengerEvent> print = event -> {
            for (EventFormat.Printed p : format.format(event)) {
                ctx.output().result(p.json(), p.text());
            }
        };
        MessengerListener printer = event -> {
            if (event instanceof MessengerEvent.StoreFailed failed) {
                ctx.output().notice(ctx.messages().get("error.history", failed.error().getMessage()));
            } else if (event instanceof MessengerEvent.InboxNotice n && n.seq() == 0) {
                print.accept(event); // not from the inbox (an offer over a direct channel): never kept
            } else if (event instanceof MessengerEvent.MessagesReceived || event instanceof MessengerEvent.InboxNotice) {
                Messenger m = live; // messages and notices are printed from the store, each once
                if (m != null) {
                    m.showUnseen(print);
                }
            } else {
                print.accept(event);
            }
        };
        try (ClientSession session = ClientSession.resume(ctx, printer)) {
            session.finish();
            session.messenger().showUnseen(print);
            if (follow) {
                live = session.messenger();
                live.showUnseen(print); // anything stored while the backlog was printed
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

package im.magpie.cli.chat;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.Messenger;
import im.magpie.client.p2p.DirectSettings;
import im.magpie.client.profile.StoredAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;
import org.jline.utils.WriterOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code magpie chat}: the interactive terminal client, in line mode. It resumes the stored session
 * (log in first with {@code magpie login}), keeps the connection up with a {@link Messenger}
 * (reconnecting on its own, sending what was typed offline when it is back), and prints incoming
 * messages above the line being typed. Colours only when the terminal has them and
 * {@code NO_COLOR} is not set; without a console (pipes, tests) it uses a dumb terminal on the
 * command's streams.
 */
@Command(name = "chat", description = "Interactive terminal chat: conversations, friends, groups, history and search (/help inside).")
public final class ChatCommand extends ClientCommand {
    @Option(names = "--no-direct", descriptionKey = "opt.no-direct",
            description = "Never open direct channels to friends: every message goes through the server.")
    boolean noDirect;

    @Override
    protected ExitCode execute(CliContext ctx) throws IOException {
        StoredAccount account = ClientSession.selectAccount(ctx);
        try (Terminal terminal = terminal(ctx)) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("magpie").build();
            boolean colour = ctx.env().variable("NO_COLOR").isEmpty() && colours(terminal);
            ChatSession[] chat = new ChatSession[1];
            chat[0] = new ChatSession(() -> {
                Messenger messenger = ClientSession.builder(ctx)
                        .direct(DirectSettings.defaults().withEnabled(!noDirect))
                        .build();
                messenger.addListener(event -> chat[0].onEvent(event));
                messenger.resume(account.username());
                return messenger;
            }, reader, ctx.messages(), colour, account.username()).start();
            try {
                chat[0].run();
            } finally {
                chat[0].messenger().close();
            }
            return ExitCode.SUCCESS;
        }
    }

    private static Terminal terminal(CliContext ctx) throws IOException {
        if (ctx.env().console().isPresent()) {
            return TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8).build();
        }
        return TerminalBuilder.builder().system(false).type(Terminal.TYPE_DUMB).encoding(StandardCharsets.UTF_8)
                .streams(ctx.env().in(), new WriterOutputStream(ctx.env().out(), StandardCharsets.UTF_8))
                .build();
    }

    private static boolean colours(Terminal terminal) {
        if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
            return false;
        }
        Integer colours = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
        return colours != null && colours >= 8;
    }
}

package im.magpie.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every command that talks to a server or uses the profile. It brings the common
 * options ({@link ClientOptions}) and the {@link CliContext}; a command implements
 * {@link #execute(CliContext)}, typically:
 *
 * <pre>{@code
 * @Command(name = "whoami", description = "...")
 * public final class WhoAmICommand extends ClientCommand {
 *     protected ExitCode execute(CliContext ctx) {
 *         try (ClientSession session = ClientSession.resume(ctx)) {
 *             UserProfile me = ClientSession.join(session.messenger().account().whoAmI());
 *             ctx.output().result(ProfileJson.of(me), me.username());
 *             return ExitCode.SUCCESS;
 *         }
 *     }
 * }
 * }</pre>
 *
 * Failures are thrown, not printed: a {@link CliException}, or the client's
 * {@code MagpieClientException} (also wrapped in {@code CompletionException} by {@code join()}),
 * become one line on stderr and the matching {@link ExitCode} (see {@link ErrorReporter}).
 */
public abstract class ClientCommand implements Callable<Integer> {
    @Mixin
    protected ClientOptions options;

    @Spec
    protected CommandSpec spec;

    private CliContext context;

    protected abstract ExitCode execute(CliContext ctx) throws Exception;

    protected final CliContext context() {
        if (context == null) {
            context = new CliContext(Main.environment(spec), options);
        }
        return context;
    }

    @Override
    public final Integer call() throws Exception {
        return execute(context()).code();
    }
}

package im.magpie.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every client command accepts, anywhere after its name: mix in with
 * {@code @Mixin ClientOptions} (done for you by extending {@link ClientCommand}).
 */
public final class ClientOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "opt.help",
            description = "Show this help and exit.")
    boolean help;

    @Option(names = "--server", paramLabel = "HOST:PORT", descriptionKey = "opt.server",
            description = "Server to talk to (default: ${DEFAULT-VALUE}).", defaultValue = ServerAddress.DEFAULT)
    String server;

    @Option(names = "--user", paramLabel = "NAME", descriptionKey = "opt.user",
            description = "Account to act as; optional when the profile holds one account for the server.")
    String user;

    @Option(names = "--profile-dir", paramLabel = "DIR", descriptionKey = "opt.profile-dir",
            description = "Profile directory (default: $MAGPIE_PROFILE_DIR or ~/.magpie).")
    Path profileDir;

    @Option(names = "--json", descriptionKey = "opt.json", description = "Print machine-readable JSON on stdout.")
    boolean json;

    @Option(names = "--no-tls", descriptionKey = "opt.no-tls",
            description = "Plain TCP, for a server started with --no-tls.")
    boolean noTls;

    public String server() {
        return server;
    }

    public String user() {
        return user;
    }

    public boolean json() {
        return json;
    }

    public boolean tls() {
        return !noTls;
    }

    /** {@code --profile-dir}, else {@code MAGPIE_PROFILE_DIR}, else {@code ~/.magpie}. */
    public Path profileDir(CliEnvironment env) {
        if (profileDir != null) {
            return profileDir;
        }
        return env.variable("MAGPIE_PROFILE_DIR").map(Path::of).orElse(env.home().resolve(".magpie"));
    }
}

package im.magpie.cli;

import im.magpie.client.profile.AccountStore;
import java.nio.file.Path;

/**
 * Everything one command invocation needs besides its own arguments: the environment, the common
 * options, text in the user's language, output, and the profile. Get it from
 * {@link ClientCommand#context()}; open a connection with {@link ClientSession}.
 */
public final class CliContext {
    private final CliEnvironment env;
    private final ClientOptions options;
    private final Messages messages;
    private final Output output;

    public CliContext(CliEnvironment env, ClientOptions options) {
        this.env = env;
        this.options = options;
        this.messages = Messages.of(env);
        this.output = new Output(env, options.json());
    }

    public CliEnvironment env() {
        return env;
    }

    public ClientOptions options() {
        return options;
    }

    public Messages messages() {
        return messages;
    }

    public Output output() {
        return output;
    }

    public Path profileDir() {
        return options.profileDir(env);
    }

    public AccountStore accounts() {
        return new AccountStore(profileDir());
    }

    /** The {@code --server} address. @throws CliException (usage) when it is malformed */
    public ServerAddress server() {
        try {
            return ServerAddress.parse(options.server());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, messages.get("error.bad-server", options.server(), e.getMessage()));
        }
    }

    /** A localised failure with an exit code, to throw. */
    public CliException fail(ExitCode code, String key, Object... args) {
        return new CliException(code, messages.get(key, args));
    }
}

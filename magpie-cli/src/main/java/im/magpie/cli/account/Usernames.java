package im.magpie.cli.account;

import im.magpie.cli.CliContext;
import im.magpie.cli.ExitCode;

final class Usernames {
    private Usernames() {}

    /** The positional USERNAME, else {@code --user}; a usage error when neither is given. */
    static String required(CliContext ctx, String positional) {
        String name = positional != null ? positional : ctx.options().user();
        if (name == null || name.isBlank()) {
            throw ctx.fail(ExitCode.USAGE, "error.username-missing");
        }
        return name.trim();
    }
}

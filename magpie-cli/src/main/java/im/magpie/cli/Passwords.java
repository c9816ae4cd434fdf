package im.magpie.cli;

import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Where passwords come from, never from a command-line argument (it would show in {@code ps}
 * and shell history): standard input with {@code --password-stdin} (one password per line),
 * else the environment ({@code MAGPIE_PASSWORD}, and {@code MAGPIE_NEW_PASSWORD} for a new one),
 * else a prompt on the terminal without echo, asked twice for a new password.
 */
public final class Passwords {
    public static final String ENV_PASSWORD = "MAGPIE_PASSWORD";
    public static final String ENV_NEW_PASSWORD = "MAGPIE_NEW_PASSWORD";

    private final CliContext ctx;
    private final boolean fromStdin;

    public Passwords(CliContext ctx, boolean fromStdin) {
        this.ctx = ctx;
        this.fromStdin = fromStdin;
    }

    /** The current password of an account. */
    public String current() {
        return read(ENV_PASSWORD, "prompt.password", false);
    }

    /** A password being chosen (register, passwd): asked twice at a prompt. */
    public String chosen(String envName) {
        return read(envName, "prompt.new-password", true);
    }

    private String read(String envName, String promptKey, boolean confirm) {
        if (fromStdin) {
            try {
                String line = ctx.env().stdin().readLine();
                if (line == null || line.isEmpty()) {
                    throw ctx.fail(ExitCode.USAGE, "error.password-stdin-empty");
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        var fromEnv = ctx.env().variable(envName);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        Console console = ctx.env().console()
                .orElseThrow(() -> ctx.fail(ExitCode.USAGE, "error.no-password-source", envName));
        char[] first = console.readPassword("%s", ctx.messages().get(promptKey));
        if (first == null || first.length == 0) {
            throw ctx.fail(ExitCode.USAGE, "error.password-empty");
        }
        if (confirm) {
            char[] second = console.readPassword("%s", ctx.messages().get("prompt.repeat-password"));
            boolean same = Arrays.equals(first, second);
            if (second != null) {
                Arrays.fill(second, '\0');
            }
            if (!same) {
                Arrays.fill(first, '\0');
                throw ctx.fail(ExitCode.USAGE, "error.passwords-differ");
            }
        }
        String password = new String(first);
        Arrays.fill(first, '\0');
        return password;
    }
}

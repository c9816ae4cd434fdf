package im.magpie.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a command may touch outside itself: streams, environment variables, the console, the home
 * directory. Tests pass their own, so commands run in-process with captured output. Used from
 * one command thread at a time.
 */
public final class CliEnvironment {
    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> env;
    private final Console console;
    private final Path home;
    private BufferedReader stdin;

    /** @param console the terminal for password prompts; null when there is none (pipes, tests) */
    public CliEnvironment(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env,
                          Console console, Path home) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.console = console;
        this.home = home;
    }

    public static CliEnvironment system() {
        return new CliEnvironment(System.in,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                System.getenv(), System.console(), Path.of(System.getProperty("user.home")));
    }

    /** Standard input as bytes (for a terminal library); do not mix with {@link #stdin()}. */
    public InputStream in() {
        return in;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Optional<Console> console() {
        return Optional.ofNullable(console);
    }

    public Path home() {
        return home;
    }

    /** An environment variable; empty when unset or empty. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    /** Standard input as UTF-8 lines. */
    public synchronized BufferedReader stdin() {
        if (stdin == null) {
            stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return stdin;
    }
}

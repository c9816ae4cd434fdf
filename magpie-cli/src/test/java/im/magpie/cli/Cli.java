package im.magpie.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code magpie} in-process with captured output, a temporary profile and no terminal. */
final class Cli {
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path profile;
    private final List<String> serverArgs;
    private final Map<String, String> env = new HashMap<>();

    Cli(Path profile, String server, boolean tls) {
        this.profile = profile;
        this.serverArgs = tls ? List.of("--server", server) : List.of("--server", server, "--no-tls");
        env.put("MAGPIE_PROFILE_DIR", profile.toString());
        env.put("MAGPIE_LANG", "en");
    }

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path profile() {
        return profile;
    }

    /** Runs {@code args} followed by the server options. */
    Result run(String... args) {
        return runWithStdin("", args);
    }

    Result runWithStdin(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(serverArgs);
        return raw(stdin, all.toArray(String[]::new));
    }

    /** Runs exactly {@code args}. */
    Result raw(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), env, null, profile.resolve("home"));
        int code = Main.run(environment, args);
        return new Result(code, out.toString(), err.toString());
    }
}

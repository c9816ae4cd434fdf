package im.magpie.cli.server;

import im.magpie.server.MagpieServer;
import im.magpie.server.config.CoreSettings;
import im.magpie.server.config.Setting;
import im.magpie.server.config.Settings;
import im.magpie.server.config.SettingsCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code magpie server}: runs a server until Ctrl-C / SIGTERM, then shuts down gracefully. Its
 * options are generated from {@link SettingsCatalog}, so every setting has a flag, an environment
 * variable and a config-file key, and {@code --help} lists them all.
 */
public final class ServerCommand implements Callable<Integer> {
    private static final String CONFIG = "--config";

    private CommandSpec spec;

    private ServerCommand() {}

    /** The picocli model of {@code magpie server}, to add as a subcommand. */
    public static CommandSpec commandSpec() {
        ServerCommand command = new ServerCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        command.spec = spec;
        spec.name("server");
        spec.usageMessage()
                .description("Run a Magpie server (embedded SQLite database by default).",
                        "Each option can also be set by an environment variable MAGPIE_<NAME> or a key in the config file;",
                        "flags win over environment, environment over the file, the file over defaults.")
                .sortOptions(false)
                .abbreviateSynopsis(true);
        spec.mixinStandardHelpOptions(true);
        spec.addOption(OptionSpec.builder(CONFIG).paramLabel("FILE").type(Path.class)
                .description("config file (Java properties; default: <data-dir>/magpie.properties if it exists; env MAGPIE_CONFIG)")
                .build());
        for (Setting<?> s : SettingsCatalog.all()) {
            boolean bool = "true".equals(s.defaultText()) || "false".equals(s.defaultText());
            OptionSpec.Builder option = OptionSpec.builder(s.flagName())
                    .description(s.description() + " (default: " + (s.defaultText().isEmpty() ? "none" : s.defaultText())
                            + "; env " + s.envName() + ")");
            if (bool) {
                option.type(Boolean.class).arity("0..1").negatable(true).paramLabel("BOOL");
            } else {
                option.type(String.class).paramLabel(label(s));
            }
            spec.addOption(option.build());
        }
        return spec;
    }

    private static String label(Setting<?> s) {
        return s.key().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    @Override
    public Integer call() throws Exception {
        Settings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("magpie server: " + e.getMessage());
            return 2;
        }
        MagpieServer server;
        try {
            server = MagpieServer.start(settings);
        } catch (RuntimeException e) {
            System.err.println("magpie server: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "magpie-shutdown"));
        printBanner(server, settings);
        stopped.await();
        return 0;
    }

    private Settings settings() {
        Map<String, String> flags = new HashMap<>();
        Path config = null;
        for (OptionSpec option : spec.options()) {
            if (!option.longestName().startsWith("--") || option.originalStringValues().isEmpty()) continue;
            String name = option.longestName().substring(2);
            if (option.longestName().equals(CONFIG)) {
                config = option.getValue();
            } else if (SettingsCatalog.find(name).isPresent()) {
                flags.put(name, String.valueOf((Object) option.getValue()));
            }
        }
        if (config == null && System.getenv("MAGPIE_CONFIG") != null) config = Path.of(System.getenv("MAGPIE_CONFIG"));
        Settings.Builder builder = Settings.builder().flags(flags).environment(System.getenv());
        if (config == null) {
            String dataDir = flags.getOrDefault(CoreSettings.DATA_DIR.key(),
                    System.getenv().getOrDefault(CoreSettings.DATA_DIR.envName(), CoreSettings.DATA_DIR.defaultText()));
            Path candidate = Path.of(dataDir).resolve("magpie.properties");
            if (Files.isRegularFile(candidate)) config = candidate;
        }
        if (config != null) builder.configFile(config);
        return builder.build();
    }

    private static void printBanner(MagpieServer server, Settings settings) {
        StringBuilder line = new StringBuilder("Magpie server ready on port ").append(server.port());
        if (settings.get(CoreSettings.TLS)) {
            line.append(" (TLS, certificate SHA-256 ")
                    .append(im.magpie.server.transport.TlsContexts.fingerprint(server.context().dataDir(),
                            settings.get(CoreSettings.TLS_CERT)))
                    .append(')');
        } else {
            line.append(" (no TLS)");
        }
        line.append(", data in ").append(server.context().dataDir());
        System.out.println(line);
        System.out.flush();
    }

    /** For picocli's {@code CommandLine(spec)}: run this command. */
    public static CommandLine commandLine() {
        return new CommandLine(commandSpec());
    }
}

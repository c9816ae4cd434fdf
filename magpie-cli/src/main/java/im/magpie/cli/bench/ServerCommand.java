package im.magpie.cli.bench;

import im.magpie.server.MagpieServer;
import im.magpie.server.config.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run a Magpie server in this process for benchmarking, with server settings as key=value",
                "(e.g. port=7878 tls=false data-dir=/tmp/bench db=jdbc:postgresql://...). Stops on Ctrl-C / SIGTERM."})
final class ServerCommand implements Callable<Integer> {
    @Parameters(paramLabel = "key=value", description = "server settings (see the server's settings catalog)")
    List<String> settings = List.of();

    @Option(names = "--gc-log", paramLabel = "FILE",
            description = "write the JVM's GC log here (as -Xlog:gc*:file=FILE:uptime,level,tags would), from the start")
    Path gcLog;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                spec.commandLine().getErr().println("magpie bench server: expected key=value, got " + s);
                return 2;
            }
            flags.put(s.substring(0, eq), s.substring(eq + 1));
        }
        Logging.quiet();
        if (gcLog != null) GcLog.start(gcLog);
        MagpieServer server = MagpieServer.start(Settings.builder().flags(flags).build());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "bench-server-stop"));
        spec.commandLine().getOut().println("magpie bench server: pid " + ProcessHandle.current().pid() + " port " + server.port());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}

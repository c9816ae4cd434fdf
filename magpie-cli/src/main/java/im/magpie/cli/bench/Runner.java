package im.magpie.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a scenario: in this process, or (with {@code --procs N}) in N child JVMs of this same
 * program that each take a slice of the users. Children talk to the parent over their standard
 * streams: they print {@code READY} when connected, run a phase on each {@code GO} line and print
 * {@code RESULT <json>}, and close on {@code END}. The parent starts every phase in all children
 * at once, samples the server process around it and merges the results. A watchdog ends the
 * process after {@code --max-seconds} whatever happens.
 */
public final class Runner {
    /** Exit status when a message was lost, duplicated, reordered or made up. */
    public static final int EXIT_NOT_CLEAN = 11;
    /** Exit status when {@code --max-seconds} ended the run. */
    public static final int EXIT_TIME_LIMIT = 12;

    private final LoadOptions load;
    private final Supplier<Scenario> factory;
    private final List<String> childArgs;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param childArgs the subcommand and its arguments as given (children get them plus {@code --child i/N})
     */
    public Runner(LoadOptions load, Supplier<Scenario> factory, List<String> childArgs, PrintStream out, PrintStream err) {
        this.load = load;
        this.factory = factory;
        this.childArgs = childArgs;
        this.out = out;
        this.err = err;
    }

    public int run(String scenarioName, Map<String, Object> settings) throws Exception {
        Thread watchdog = watchdog(load.maxSeconds);
        try {
            if (load.isChild()) return runChild();
            PhaseResult.RunReport report = load.procs > 1 ? runParent(scenarioName, settings) : runHere(scenarioName, settings);
            Results.printSummary(out, report);
            if (load.out != null) {
                Results.write(load.out, report);
                out.println("results: " + load.out);
            }
            if (load.chart != null) {
                Charts.latencyAgainstRate(load.chart, chartTitle(scenarioName, settings),
                        List.of(new Charts.Sweep(scenarioName, report.phases())));
                out.println("chart: " + load.chart);
            }
            boolean clean = report.phases().stream().allMatch(p -> p.messages() == null || p.messages().clean());
            return clean ? 0 : EXIT_NOT_CLEAN;
        } finally {
            watchdog.interrupt();
        }
    }

    private static Thread watchdog(int seconds) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(seconds * 1000L);
                System.err.println("magpie bench: --max-seconds " + seconds + " reached, stopping");
                System.exit(EXIT_TIME_LIMIT);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "bench-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The scenario and its size, short enough for the chart's width (the JSON has every setting). */
    static String chartTitle(String scenarioName, Map<String, Object> settings) {
        StringBuilder title = new StringBuilder("magpie bench ").append(scenarioName);
        for (String key : List.of("pairs", "idle", "groups", "members", "senders", "tls")) {
            if (settings.containsKey(key)) title.append(", ").append(key).append('=').append(settings.get(key));
        }
        return title.toString();
    }

    private PhaseResult.RunReport runHere(String scenarioName, Map<String, Object> settings) throws Exception {
        List<PhaseResult> phases = new ArrayList<>();
        try (ServerProbe probe = probe(); Scenario s = factory.get()) {
            s.prepare();
            for (int i = 0; i < s.phases(); i++) {
                ServerProbe.Sample before = probe == null ? null : probe.sample();
                PhaseResult r = s.runPhase(i);
                phases.add(withServer(r, probe, before));
            }
            return new PhaseResult.RunReport("magpie bench", scenarioName, settings(settings, s.settings()), environment(), phases);
        }
    }

    private PhaseResult.RunReport runParent(String scenarioName, Map<String, Object> settings) throws Exception {
        List<Child> children = new ArrayList<>();
        try (ServerProbe probe = probe()) {
            for (int i = 0; i < load.procs; i++) children.add(new Child(i, load.procs));
            for (Child c : children) c.expect("READY");
            Map<String, Object> scenarioSettings = null;
            List<PhaseResult> phases = new ArrayList<>();
            int phaseCount = -1;
            for (int phase = 0; phaseCount < 0 || phase < phaseCount; phase++) {
                ServerProbe.Sample before = probe == null ? null : probe.sample();
                for (Child c : children) c.send("GO");
                List<PhaseResult> parts = new ArrayList<>();
                for (Child c : children) {
                    String line = c.expect("RESULT ");
                    ChildResult cr = Results.JSON.readValue(line.substring("RESULT ".length()), ChildResult.class);
                    parts.add(cr.phase());
                    phaseCount = cr.phases();
                    scenarioSettings = cr.settings();
                }
                phases.add(withServer(Results.merge(parts), probe, before));
            }
            for (Child c : children) c.send("END");
            for (Child c : children) c.await();
            return new PhaseResult.RunReport("magpie bench", scenarioName, settings(settings, scenarioSettings),
                    environment(), phases);
        } finally {
            for (Child c : children) c.destroy();
        }
    }

    /** What a child prints after each phase. */
    public record ChildResult(int phases, Map<String, Object> settings, PhaseResult phase) {}

    private int runChild() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Scenario s = factory.get()) {
            s.prepare();
            out.println("READY");
            out.flush();
            for (int i = 0; i < s.phases(); i++) {
                String line = in.readLine();
                if (line == null || !line.equals("GO")) return 1;
                PhaseResult r = s.runPhase(i);
                out.println("RESULT " + Results.JSON.writeValueAsString(new ChildResult(s.phases(), s.settings(), r)));
                out.flush();
            }
            String end = in.readLine();
            return "END".equals(end) ? 0 : 1;
        } catch (Exception e) {
            out.println("FAILED " + e);
            out.flush();
            throw e;
        }
    }

    private ServerProbe probe() {
        return load.serverPid == null ? null : new ServerProbe(load.serverPid, load.serverHeap, err);
    }

    private PhaseResult withServer(PhaseResult r, ServerProbe probe, ServerProbe.Sample before) throws InterruptedException {
        if (probe == null) return r;
        ServerProbe.Sample cpuAfter = probe.sample();
        if (load.settleSeconds > 0) Thread.sleep(load.settleSeconds * 1000L);
        ServerProbe.Sample after = load.settleSeconds > 0 ? probe.sample() : cpuAfter;
        double cpuSeconds = (cpuAfter.cpuNanos() - before.cpuNanos()) / 1e9;
        double wall = Math.max(1e-3, (cpuAfter.atNanos() - before.atNanos()) / 1e9);
        Long perConn = null;
        Long heapPerConn = null;
        boolean connectPhase = r.loginsPerSecond() > 0 && r.messages() == null;
        if (connectPhase && r.connections() > 0) {
            perConn = (after.rssBytes() - before.rssBytes()) / r.connections();
            if (after.heapUsedBytes() >= 0 && before.heapUsedBytes() >= 0) {
                heapPerConn = (after.heapUsedBytes() - before.heapUsedBytes()) / r.connections();
            }
        }
        Double cpuPerMessage = null;
        if (r.messages() != null) {
            long handled = r.messages().sent() - r.messages().refused();
            if (handled > 0) cpuPerMessage = cpuSeconds * 1e6 / handled;
        }
        Long allocated = before.jvm() == null || cpuAfter.jvm() == null ? null
                : cpuAfter.jvm().allocatedBytes() - before.jvm().allocatedBytes();
        Long allocatedPerMessage = allocated == null || r.messages() == null || r.messages().delivered() == 0 ? null
                : allocated / r.messages().delivered();
        return r.withServer(new PhaseResult.ServerFigures(probe.pid(), before.rssBytes(), after.rssBytes(), perConn,
                before.heapUsedBytes() >= 0 ? before.heapUsedBytes() : null,
                after.heapUsedBytes() >= 0 ? after.heapUsedBytes() : null, heapPerConn,
                cpuSeconds, cpuSeconds / wall, cpuPerMessage, allocated, allocatedPerMessage,
                probe.pauses(before, cpuAfter)));
    }

    private Map<String, Object> settings(Map<String, Object> common, Map<String, Object> scenario) {
        Map<String, Object> all = new LinkedHashMap<>(common);
        if (scenario != null) all.putAll(scenario);
        return all;
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("maxHeapMiB", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        return env;
    }

    /** A child load process and the lines it prints. */
    private final class Child {
        private final Process process;
        private final Writer stdin;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final int index;

        Child(int index, int count) throws IOException {
            this.index = index;
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                // not a debugger port twice, nor a class-data archive written by every process at exit
                if (!a.startsWith("-agentlib:jdwp") && !a.startsWith("-XX:ArchiveClassesAtExit")) cmd.add(a);
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(BenchMain.class.getName());
            cmd.addAll(childArgs);
            cmd.add("--child");
            cmd.add(index + "/" + count);
            this.process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.equals("READY") || line.startsWith("RESULT ") || line.startsWith("FAILED ")) lines.add(line);
                        else err.println("[p" + index + "] " + line);
                    }
                } catch (IOException e) {
                    // the child is gone
                }
                lines.add("EOF");
            }, "bench-child-" + index);
            reader.setDaemon(true);
            reader.start();
        }

        String expect(String prefix) throws InterruptedException {
            String line = lines.poll(load.maxSeconds, TimeUnit.SECONDS);
            if (line == null) throw new IllegalStateException("load process " + index + " said nothing in time");
            if (!line.startsWith(prefix)) {
                throw new IllegalStateException("load process " + index + " failed: " + line);
            }
            return line;
        }

        void send(String line) throws IOException {
            stdin.write(line + "\n");
            stdin.flush();
        }

        void await() throws InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroy();
        }

        void destroy() {
            if (process.isAlive()) process.destroy();
        }
    }
}

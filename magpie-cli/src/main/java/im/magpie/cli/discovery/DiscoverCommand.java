package im.magpie.cli.discovery;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ExitCode;
import im.magpie.cli.file.FileTexts;
import im.magpie.client.discovery.DiscoveredServer;
import im.magpie.client.discovery.ServerFinder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code magpie discover [--json]}: asks the local network which Magpie servers there are
 * (broadcast on every interface and the discovery multicast group) and lists what answers within
 * the timeout. Needs no account and no server address.
 */
@Command(name = "discover", description = "Find Magpie servers on the local network (one JSON line each with --json).")
public final class DiscoverCommand extends ClientCommand {
    @Option(names = "--timeout", paramLabel = "MS", description = "How long to wait for answers (default: 1000).")
    long timeoutMillis = 1000;

    @Option(names = "--port", paramLabel = "PORT", description = "The servers' discovery UDP port (default: 7878).")
    int port = 7878;

    @Option(names = "--ask", paramLabel = "HOST", description = "Also ask this host directly (repeatable).")
    List<String> ask = List.of();

    @Option(names = "--no-broadcast", description = "Ask only the --ask hosts.")
    boolean noBroadcast;

    @Override
    protected ExitCode execute(CliContext ctx) throws Exception {
        FileTexts text = FileTexts.of(ctx);
        ServerFinder.Builder finder = ServerFinder.builder().port(port).timeout(Duration.ofMillis(Math.max(1, timeoutMillis)))
                .broadcast(!noBroadcast);
        for (String host : ask) finder.alsoAsk(new InetSocketAddress(host, port));
        List<DiscoveredServer> servers = finder.build().find();
        if (servers.isEmpty() && !ctx.output().json()) ctx.output().notice(text.get("discover.none", timeoutMillis));
        for (DiscoveredServer s : servers) {
            String security = s.tls() ? text.get("discover.tls", s.certSha256()) : text.get("discover.no-tls");
            List<String> others = s.addresses().stream().filter(a -> !a.equals(s.answeredFrom())).toList();
            ctx.output().result(s, text.get("discover.server", s.name(), s.answeredFrom(), String.valueOf(s.port()), security,
                    s.version(), others.isEmpty() ? "" : text.get("discover.more", String.join(", ", others))));
        }
        return ExitCode.SUCCESS;
    }
}

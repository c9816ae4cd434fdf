package im.magpie.cli.trust;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ExitCode;
import im.magpie.cli.ServerAddress;
import im.magpie.client.KnownServers;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "trust", description = "List pinned server certificates, or forget one (--forget) to re-trust it.")
public final class TrustCommand extends ClientCommand {
    @Option(names = "--forget", paramLabel = "HOST:PORT", descriptionKey = "opt.forget",
            description = "Forget the pinned certificate of this server.")
    String forget;

    @Override
    protected ExitCode execute(CliContext ctx) {
        KnownServers known = KnownServers.inProfile(ctx.profileDir());
        if (forget != null) {
            String key;
            try {
                key = ServerAddress.parse(forget).key();
            } catch (IllegalArgumentException e) {
                throw ctx.fail(ExitCode.USAGE, "error.bad-server", forget, e.getMessage());
            }
            if (!known.forget(key)) {
                throw ctx.fail(ExitCode.NOT_FOUND, "trust.not-pinned", key, known.file().toString());
            }
            ctx.output().result(Map.of("forgotten", key), ctx.messages().get("trust.forgotten", key));
            return ExitCode.SUCCESS;
        }
        List<KnownServers.Entry> entries = known.list();
        StringBuilder text = new StringBuilder();
        for (KnownServers.Entry e : entries) {
            text.append(e.server()).append("  sha256 ").append(e.fingerprint()).append('\n');
        }
        if (entries.isEmpty()) {
            text.append(ctx.messages().get("trust.none", known.file().toString()));
        }
        ctx.output().result(entries, text.toString().stripTrailing());
        return ExitCode.SUCCESS;
    }
}

package im.magpie.cli.chat;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.client.Messenger;
import im.magpie.client.NamedMessage;
import im.magpie.client.history.PeerRef;
import im.magpie.client.history.SearchHit;
import im.magpie.client.history.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code magpie search TEXT [--with USER|--group G]}: searches the local history; no server needed. */
@Command(name = "search", description = "Search the local message history (Chinese and English); works offline.")
public final class SearchCommand extends ClientCommand {
    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "What to look for (a substring).")
    List<String> words;

    @Option(names = "--with", paramLabel = "USER", description = "Only the conversation with this user.")
    String with;

    @Option(names = "--group", paramLabel = "GROUP", description = "Only this group's conversation (id or name).")
    String group;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N results (default ${DEFAULT-VALUE}).")
    int limit;

    /** {@code --json}: the hits, newest first. */
    public record SearchJson(String query, List<Hit> hits) {}

    public record Hit(MessageJson message, String snippet) {}

    @Override
    protected ExitCode execute(CliContext ctx) {
        String text = String.join(" ", words);
        if (text.isBlank() || limit < 1 || limit > SearchQuery.MAX_LIMIT) {
            throw ctx.fail(ExitCode.USAGE, "error.search-usage", SearchQuery.MAX_LIMIT);
        }
        try (ClientSession session = ClientSession.local(ctx)) {
            Messenger messenger = session.messenger();
            PeerRef peer = Peers.optional(ctx.messages(), messenger, false, with, group);
            List<SearchHit> hits = messenger.conversations().search(new SearchQuery(text, peer, limit, "[", "]"));
            List<Hit> json = new ArrayList<>();
            StringBuilder out = new StringBuilder();
            for (SearchHit hit : hits) {
                NamedMessage m = messenger.conversations().named(hit.message());
                json.add(new Hit(MessageJson.of(m), hit.snippet()));
                out.append(Formats.time(m.timeMs())).append("  ").append(Peers.peerName(messenger, m.peer()))
                        .append("  ").append(m.sender().displayName()).append(": ").append(hit.snippet()).append('\n');
            }
            if (hits.isEmpty()) {
                out.append(ctx.messages().get("search.none", text));
            }
            ctx.output().result(new SearchJson(text, json), out.toString().stripTrailing());
            return ExitCode.SUCCESS;
        }
    }
}

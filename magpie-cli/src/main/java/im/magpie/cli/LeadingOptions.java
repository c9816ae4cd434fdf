package im.magpie.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lets the client options come before the command, as people type them ({@code magpie --json
 * whoami}, {@code magpie --server lan:7878 chat bob}): they are moved to the end of the command
 * line, where every client command accepts them. picocli cannot inherit them instead, because each
 * command already declares them through {@link ClientOptions}.
 */
final class LeadingOptions {
    private static final Set<String> FLAGS = Set.of("--json", "--no-tls");
    private static final Set<String> WITH_VALUE = Set.of("--server", "--user", "--profile-dir");

    private LeadingOptions() {}

    static String[] moveAfterCommand(String... args) {
        List<String> moved = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (FLAGS.contains(arg) || equals > 0 && WITH_VALUE.contains(arg.substring(0, equals))) {
                moved.add(arg);
                i++;
            } else if (WITH_VALUE.contains(arg) && i + 1 < args.length) {
                moved.add(arg);
                moved.add(args[i + 1]);
                i += 2;
            } else {
                break;
            }
        }
        if (moved.isEmpty() || i == args.length) return args; // nothing to move, or no command after them
        List<String> rest = new ArrayList<>(List.of(args).subList(i, args.length));
        int endOfOptions = rest.indexOf("--");
        rest.addAll(endOfOptions < 0 ? rest.size() : endOfOptions, moved);
        return rest.toArray(String[]::new);
    }
}

package im.magpie.cli.admin;

import picocli.CommandLine.Command;

/** {@code magpie admin}: operator tools that work on the server's database directly. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operator tools on the server's database: export and import all data.",
        subcommands = {ExportCommand.class, ImportCommand.class})
public final class AdminCommand {}

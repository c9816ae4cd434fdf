package im.magpie.cli.social;

import im.magpie.client.CategoryRecord;
import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code magpie friend category ...}: your own friend categories (QQ's 分组). */
@Command(name = "category", description = "Your friend categories: list, create, rename, delete, move a friend.",
        subcommands = {
                CategoryCommand.ListCategories.class,
                CategoryCommand.Create.class,
                CategoryCommand.Rename.class,
                CategoryCommand.Delete.class,
                CategoryCommand.Move.class,
        })
public final class CategoryCommand extends CommandGroup {

    /** The category CATEGORY names: its id, or its name (ignoring case; the default by its shown name too). */
    static CategoryRecord resolve(CliContext ctx, ClientSession session, String ref) {
        List<CategoryRecord> all = ClientSession.join(session.messenger().social().categories());
        String wanted = ref.strip().toLowerCase(Locale.ROOT);
        String defaultName = ctx.messages().get("category.default").toLowerCase(Locale.ROOT);
        return all.stream().filter(c -> String.valueOf(c.categoryId()).equals(wanted)
                        || c.name().toLowerCase(Locale.ROOT).equals(wanted)
                        || (c.isDefault() && wanted.equals(defaultName)))
                .findFirst()
                .orElseThrow(() -> ctx.fail(ExitCode.NOT_FOUND, "category.not-found", ref));
    }

    @Command(name = "list", description = "List your categories.")
    static final class ListCategories extends ClientCommand {
        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                List<CategoryRecord> all = ClientSession.join(session.messenger().social().categories());
                StringBuilder text = new StringBuilder();
                for (CategoryRecord c : all) {
                    text.append('#').append(c.categoryId()).append("  ")
                            .append(c.isDefault() ? ctx.messages().get("category.default") : c.name()).append('\n');
                }
                ctx.output().result(new SocialJson.Categories(all.stream().map(SocialJson.CategoryJson::of).toList()),
                        text.toString().stripTrailing());
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "create", description = "Create a category.")
    static final class Create extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "arg.category-name", description = "1-32 characters.")
        String name;

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                CategoryRecord c = ClientSession.join(session.messenger().social().createCategory(name));
                ctx.output().result(SocialJson.CategoryJson.of(c),
                        ctx.messages().get("category.created", c.name(), String.valueOf(c.categoryId())));
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "rename", description = "Rename a category.")
    static final class Rename extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CATEGORY", descriptionKey = "arg.category", description = "Its id or name.")
        String category;

        @Parameters(index = "1", paramLabel = "NAME", descriptionKey = "arg.category-name", description = "1-32 characters.")
        String name;

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                CategoryRecord c = resolve(ctx, session, category);
                CategoryRecord renamed = ClientSession.join(session.messenger().social().renameCategory(c.categoryId(), name));
                ctx.output().result(SocialJson.CategoryJson.of(renamed),
                        ctx.messages().get("category.renamed", c.name(), renamed.name()));
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "delete", description = "Delete a category; its friends move to the default one.")
    static final class Delete extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CATEGORY", descriptionKey = "arg.category", description = "Its id or name.")
        String category;

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                CategoryRecord c = resolve(ctx, session, category);
                ClientSession.join(session.messenger().social().deleteCategory(c.categoryId()));
                ctx.output().result(SocialJson.CategoryJson.of(c), ctx.messages().get("category.deleted", c.name()));
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "move", description = "Move a friend into a category.")
    static final class Move extends ClientCommand {
        @Parameters(index = "0", paramLabel = "USERNAME", descriptionKey = "arg.friend-username", description = "The friend.")
        String username;

        @Parameters(index = "1", paramLabel = "CATEGORY", descriptionKey = "arg.category", description = "Its id or name.")
        String category;

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                CategoryRecord c = resolve(ctx, session, category);
                long userId = SocialText.userId(session, username);
                ClientSession.join(session.messenger().social().moveFriend(userId, c.categoryId()));
                String name = c.isDefault() ? ctx.messages().get("category.default") : c.name();
                ctx.output().result(new SocialJson.Done("move", userId), ctx.messages().get("category.moved", username, name));
                return ExitCode.SUCCESS;
            }
        }
    }
}

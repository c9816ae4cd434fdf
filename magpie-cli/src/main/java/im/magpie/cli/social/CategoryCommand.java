package im.magpie.cli.social;

import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import im.magpie.protocol.proto.Category;
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
    static Category resolve(CliContext ctx, ClientSession session, String ref) {
        List<Category> all = ClientSession.join(session.client().friends().list()).getCategoriesList();
        String wanted = ref.strip().toLowerCase(Locale.ROOT);
        String defaultName = ctx.messages().get("category.default").toLowerCase(Locale.ROOT);
        return all.stream().filter(c -> String.valueOf(c.getCategoryId()).equals(wanted)
                        || c.getName().toLowerCase(Locale.ROOT).equals(wanted)
                        || (c.getIsDefault() && wanted.equals(defaultName)))
                .findFirst()
                .orElseThrow(() -> ctx.fail(ExitCode.NOT_FOUND, "category.not-found", ref));
    }

    @Command(name = "list", description = "List your categories.")
    static final class ListCategories extends ClientCommand {
        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                List<Category> all = ClientSession.join(session.client().friends().list()).getCategoriesList();
                StringBuilder text = new StringBuilder();
                for (Category c : all) {
                    text.append('#').append(c.getCategoryId()).append("  ")
                            .append(c.getIsDefault() ? ctx.messages().get("category.default") : c.getName()).append('\n');
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
                Category c = ClientSession.join(session.client().friends().createCategory(name));
                ctx.output().result(SocialJson.CategoryJson.of(c),
                        ctx.messages().get("category.created", c.getName(), String.valueOf(c.getCategoryId())));
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
                Category c = resolve(ctx, session, category);
                Category renamed = ClientSession.join(session.client().friends().renameCategory(c.getCategoryId(), name));
                ctx.output().result(SocialJson.CategoryJson.of(renamed),
                        ctx.messages().get("category.renamed", c.getName(), renamed.getName()));
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
                Category c = resolve(ctx, session, category);
                ClientSession.join(session.client().friends().deleteCategory(c.getCategoryId()));
                ctx.output().result(SocialJson.CategoryJson.of(c), ctx.messages().get("category.deleted", c.getName()));
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
                Category c = resolve(ctx, session, category);
                long userId = SocialText.userId(session, username);
                ClientSession.join(session.client().friends().move(userId, c.getCategoryId()));
                String name = c.getIsDefault() ? ctx.messages().get("category.default") : c.getName();
                ctx.output().result(new SocialJson.Done("move", userId), ctx.messages().get("category.moved", username, name));
                return ExitCode.SUCCESS;
            }
        }
    }
}

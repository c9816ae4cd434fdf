package im.magpie.cli.social;

import im.magpie.client.UserProfile;
import im.magpie.cli.CliContext;
import im.magpie.cli.ClientCommand;
import im.magpie.cli.ClientSession;
import im.magpie.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code magpie profile show|set}. */
@Command(name = "profile", description = "Show or change a profile: nickname, signature, avatar.",
        subcommands = {ProfileCommand.Show.class, ProfileCommand.Set.class})
public final class ProfileCommand extends CommandGroup {
    /** Larger files are refused before reading them; the server's limit is 256 KiB. */
    static final long AVATAR_READ_LIMIT_BYTES = 1024 * 1024;

    static String text(CliContext ctx, UserProfile p) {
        StringBuilder text = new StringBuilder(SocialText.profileLine(ctx, p));
        if (!p.avatarHash().isEmpty()) text.append('\n').append(ctx.messages().get("profile.avatar", p.avatarHash()));
        return text.toString();
    }

    @Command(name = "show", description = "Show your profile, or USERNAME's.")
    static final class Show extends ClientCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "USERNAME", descriptionKey = "arg.profile-username",
                description = "Whose profile (default: yours).")
        String username;

        @Override
        protected ExitCode execute(CliContext ctx) {
            try (ClientSession session = ClientSession.resume(ctx)) {
                UserProfile p = ClientSession.join(username == null ? session.messenger().account().whoAmI()
                        : session.messenger().social().profile(username));
                ctx.output().result(SocialJson.UserJson.of(p), text(ctx, p));
                return ExitCode.SUCCESS;
            }
        }
    }

    @Command(name = "set", description = "Change your nickname, signature and/or avatar.")
    static final class Set extends ClientCommand {
        @Option(names = "--nickname", paramLabel = "NAME", descriptionKey = "opt.set-nickname", description = "1-32 characters.")
        String nickname;

        @Option(names = "--signature", paramLabel = "TEXT", descriptionKey = "opt.signature",
                description = "Your status line, up to 80 characters (\"\" clears it).")
        String signature;

        @Option(names = "--avatar", paramLabel = "FILE", descriptionKey = "opt.avatar",
                description = "A PNG or JPEG, at most 256 KiB and 1024x1024.")
        Path avatar;

        @Override
        protected ExitCode execute(CliContext ctx) {
            if (nickname == null && signature == null && avatar == null) throw ctx.fail(ExitCode.USAGE, "profile.set.nothing");
            byte[] image = avatar == null ? null : read(ctx, avatar);
            try (ClientSession session = ClientSession.resume(ctx)) {
                UserProfile p = null;
                // the avatar first: it is the one most likely refused, and then nothing has changed
                if (image != null) p = ClientSession.join(session.messenger().account().setAvatar(image));
                if (nickname != null || signature != null) {
                    p = ClientSession.join(session.messenger().account().updateProfile(nickname, signature));
                }
                ctx.output().result(SocialJson.UserJson.of(p), ctx.messages().get("profile.set.done") + '\n' + text(ctx, p));
                return ExitCode.SUCCESS;
            }
        }

        private static byte[] read(CliContext ctx, Path file) {
            try {
                if (Files.size(file) > AVATAR_READ_LIMIT_BYTES) {
                    throw ctx.fail(ExitCode.BAD_REQUEST, "profile.avatar.too-large", file.toString());
                }
                return Files.readAllBytes(file);
            } catch (java.nio.file.NoSuchFileException e) {
                throw ctx.fail(ExitCode.USAGE, "profile.avatar.missing", file.toString());
            } catch (IOException e) {
                throw ctx.fail(ExitCode.USAGE, "profile.avatar.unreadable", file.toString(),
                        e.getClass().getSimpleName() + (e.getMessage() == null || e.getMessage().equals(file.toString())
                                ? "" : ": " + e.getMessage()));
            }
        }
    }
}

package im.magpie.cli;

/**
 * A failure a command reports to the user: one line on stderr and {@link #exitCode()}. The
 * message is already localised (see {@link Messages}).
 */
public final class CliException extends RuntimeException {
    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}

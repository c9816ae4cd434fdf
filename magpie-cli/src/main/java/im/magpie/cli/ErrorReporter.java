package im.magpie.cli;

import im.magpie.client.MagpieClientException;
import im.magpie.client.history.HistoryStoreException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command threw into one line on stderr and an {@link ExitCode}. The single place
 * that maps failures to exit codes.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    private final CliEnvironment env;

    ErrorReporter(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public int handleExecutionException(Exception thrown, CommandLine command, ParseResult parseResult) {
        Messages messages = Messages.of(env);
        Throwable failure = thrown;
        while (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        ExitCode code;
        String message;
        if (failure instanceof CliException e) {
            code = e.exitCode();
            message = e.getMessage();
        } else if (failure instanceof MagpieClientException e) {
            code = ExitCode.of(e);
            message = e.getMessage();
            if (e.errorReason() == im.magpie.client.ErrorReason.RATE_LIMITED && e.retryAfterSeconds() > 0) {
                message = message + " " + messages.get("error.retry-after", String.valueOf(e.retryAfterSeconds()));
            }
        } else if (failure instanceof HistoryStoreException e) {
            code = ExitCode.INTERNAL;
            message = messages.get("error.history", e.getMessage());
        } else if (failure instanceof UncheckedIOException e) {
            code = ExitCode.INTERNAL;
            message = messages.get("error.io", e.getCause().getMessage());
        } else {
            code = ExitCode.INTERNAL;
            message = messages.get("error.internal", String.valueOf(failure));
        }
        env.err().println(messages.get("error.prefix") + oneLine(message));
        if (env.variable("MAGPIE_DEBUG").isPresent()) {
            failure.printStackTrace(env.err());
        }
        env.err().flush();
        return code.code();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}

package im.magpie.client;

import java.time.Duration;

/** No response arrived within the request timeout. The request may or may not have taken effect. */
public final class RequestTimeoutException extends MagpieConnectionException {
    public RequestTimeoutException(String what, Duration timeout) {
        super("no answer to " + what + " within " + timeout.toMillis() + " ms");
    }
}

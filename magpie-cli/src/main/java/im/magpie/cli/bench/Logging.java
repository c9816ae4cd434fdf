package im.magpie.cli.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Keeps logging out of the measurements: warnings only, and no line per connection on the server. */
final class Logging {
    private Logging() {}

    static void quiet() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
            ((Logger) LoggerFactory.getLogger("im.magpie")).setLevel(Level.INFO);
            ((Logger) LoggerFactory.getLogger("im.magpie.server.connections")).setLevel(Level.WARN);
        }
    }
}

package im.magpie.cli.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Turns on this JVM's GC log while it runs, as {@code -Xlog:gc*:file=...} on the command line
 * would: through HotSpot's diagnostic command {@code VM.log}, so {@code magpie bench server
 * --gc-log FILE} needs no JVM option (and {@code jcmd <pid> VM.log} could do the same from outside).
 */
final class GcLog {
    private GcLog() {}

    static void start(Path file) {
        vmLog("output=file=" + file.toAbsolutePath(), "what=gc*=info", "decorators=uptime,level,tags");
    }

    /** Stops writing that log (and closes the file). */
    static void stop(Path file) {
        vmLog("output=file=" + file.toAbsolutePath(), "what=all=off");
    }

    private static void vmLog(String... args) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "vmLog", new Object[] {args}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("cannot configure the GC log (VM.log " + String.join(" ", args) + "): " + e.getMessage(), e);
        }
    }
}

package im.magpie.cli.bench;

import java.io.PrintStream;
import java.util.function.Supplier;

/** The live progress line: a daemon thread printing a status every interval until stopped. */
public final class Progress {
    private Progress() {}

    public interface Ticker {
        void stop();
    }

    public static Ticker every(PrintStream out, long intervalMillis, Supplier<String> line) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(intervalMillis);
                    out.println(line.get());
                }
            } catch (InterruptedException e) {
                // stopped
            }
        }, "bench-progress");
        t.setDaemon(true);
        t.start();
        return () -> {
            t.interrupt();
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}

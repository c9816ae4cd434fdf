package im.magpie.cli.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in server JVM for {@link ServerJvmTest}: on "alloc N" it allocates N MiB (keeping none of
 * it), on "gc" it collects; it answers "done" to each line and ends when its input does.
 */
public final class AllocatingProcess {
    static volatile byte[] sink;

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        System.out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("alloc ")) {
                int mib = Integer.parseInt(line.substring(6));
                for (int i = 0; i < mib * 1024; i++) sink = new byte[1024];
            } else if (line.equals("gc")) {
                System.gc();
            }
            System.out.println("done");
            System.out.flush();
        }
    }
}

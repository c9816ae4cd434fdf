package im.magpie.cli.bench;

import im.magpie.cli.bench.xmpp.XmppRegistrar;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code magpie bench setup --protocol xmpp}: registers users {@code PREFIX0..PREFIX(N-1)} on an
 * XMPP server in band, each with a random password, and writes them to the tokens file with
 * made-up user ids (index + 1) and the password in the token field. Registration cannot replace
 * an account: start the server with an empty spool (bench/ejabberd/run.sh does).
 */
final class XmppSetupOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "with --protocol xmpp: the XMPP server (loopback unless --allow-remote)")
    String host;

    @Option(names = "--port", defaultValue = "5222", description = "with --protocol xmpp: its c2s port")
    int port;

    @Option(names = "--allow-remote", description = "with --protocol xmpp: allow a server that is not on loopback")
    boolean allowRemote;

    @Option(names = "--xmpp-domain", defaultValue = "localhost", description = "with --protocol xmpp: the server's domain")
    String domain;

    @Option(names = "--connect-concurrency", defaultValue = "64", description = "with --protocol xmpp: registrations in flight")
    int concurrency;

    int register(int users, String prefix, Path tokens, PrintWriter out, PrintWriter err) {
        if (concurrency < 1 || concurrency > 10_000) {
            err.println("magpie bench setup: --connect-concurrency must be 1..10000");
            err.flush();
            return 2;
        }
        Target target;
        try {
            target = Target.resolve(host, port, false, allowRemote, 1);
        } catch (IllegalArgumentException e) {
            err.println("magpie bench setup: " + e.getMessage());
            err.flush();
            return 2;
        }
        SecureRandom random = new SecureRandom();
        List<Tokens.User> seeded = new ArrayList<>(users);
        List<XmppRegistrar.Account> accounts = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            byte[] secret = new byte[12];
            random.nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            seeded.add(new Tokens.User(i, i + 1L, prefix + i, password));
            accounts.add(new XmppRegistrar.Account(prefix + i, password));
        }
        long start = System.nanoTime();
        try (XmppRegistrar registrar = new XmppRegistrar(new InetSocketAddress(target.address(), target.port()), domain)) {
            registrar.registerAll(accounts, concurrency, 1800);
        } catch (IllegalStateException e) {
            err.println("magpie bench setup: " + e.getMessage());
            err.flush();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        Tokens.write(tokens, seeded);
        out.printf("registered %d users on %s:%d (%s) in %.1f s; passwords in %s%n", users, host, port, domain,
                (System.nanoTime() - start) / 1e9, tokens);
        out.flush();
        return 0;
    }
}

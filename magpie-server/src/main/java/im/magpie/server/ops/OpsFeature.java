package im.magpie.server.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import im.magpie.server.ServerContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations: a Micrometer registry features may add meters to, served as Prometheus text on
 * {@code GET /metrics}, and {@code GET /health} ("ok" while the database answers; 503 at once while {@link
 * im.magpie.server.store.DatabaseHealth} has it down). Loopback only by
 * default. Closed by {@link #close()}.
 */
public final class OpsFeature implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsFeature.class);

    private final PrometheusMeterRegistry registry;
    private final HttpServer http;
    private final JvmGcMetrics gc;

    private OpsFeature(PrometheusMeterRegistry registry, HttpServer http, JvmGcMetrics gc) {
        this.registry = registry;
        this.http = http;
        this.gc = gc;
    }

    public static OpsFeature install(ServerContext ctx) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        Gauge.builder("magpie.connections", ctx.sessions(), s -> s.connectionCount())
                .description("open client connections").register(registry);
        Gauge.builder("magpie.users.online", ctx.sessions(), s -> s.onlineUserCount())
                .description("users with at least one logged-in connection on this node").register(registry);
        Gauge.builder("magpie.database.up", ctx.database().health(), h -> h.up() ? 1 : 0)
                .description("1 while the database can be reached, 0 while requests that need it are answered UNAVAILABLE")
                .register(registry);

        int port = ctx.settings().get(OpsSettings.ADMIN_PORT);
        HttpServer http = null;
        if (port >= 0) {
            try {
                http = HttpServer.create(new InetSocketAddress(ctx.settings().get(OpsSettings.ADMIN_HOST), port), 16);
            } catch (IOException e) {
                // name the setting: the default 7879 is often taken by a second server on one machine
                throw new IllegalStateException("cannot open the admin port " + port + " (metrics and /health): "
                        + e.getMessage() + "; choose another with --admin-port PORT (MAGPIE_ADMIN_PORT, admin-port"
                        + " in the config file), or turn it off with --admin-port -1", e);
            }
            http.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4", registry.scrape()));
            http.createContext("/health", ex -> {
                boolean ok = databaseAnswers(ctx);
                reply(ex, ok ? 200 : 503, "text/plain", ok ? "ok\n" : "database unavailable\n");
            });
            http.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "magpie-admin-http");
                t.setDaemon(true);
                return t;
            }));
            http.start();
            log.info("admin endpoint on http://{}:{}/metrics", ctx.settings().get(OpsSettings.ADMIN_HOST),
                    http.getAddress().getPort());
        }
        return new OpsFeature(registry, http, gc);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The admin port in use, or -1 when turned off. */
    public int adminPort() {
        return http == null ? -1 : http.getAddress().getPort();
    }

    /** Down at once while the health flag says so; else one query (whose failure trips the flag). */
    private static boolean databaseAnswers(ServerContext ctx) {
        if (!ctx.database().health().up()) return false;
        try {
            return ctx.database().jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            ctx.database().health().failed(e);
            return false;
        }
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        if (http != null) http.stop(0);
        gc.close();
        registry.close();
    }
}

package im.magpie.testkit;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;

/**
 * The Redis of the cluster suites: {@code MAGPIE_TEST_REDIS_URL} (system property
 * {@code magpie.test.redis.url}), e.g. {@code redis://127.0.0.1:6379}. When it is set the suites
 * run and fail if Redis is unreachable; when not, they are not run. Every test uses a key prefix
 * of its own ({@link #newPrefix()}) and deletes its keys afterwards, so runs never collide in a
 * Redis others use too (never flush it).
 */
public final class TestRedis {
    private TestRedis() {}

    public static boolean isEnabled() {
        return url() != null;
    }

    public static String url() {
        String url = System.getProperty("magpie.test.redis.url");
        if (url == null || url.isBlank() || url.startsWith("${")) url = System.getenv("MAGPIE_TEST_REDIS_URL");
        return url == null || url.isBlank() || url.startsWith("${") ? null : url;
    }

    public static int port() {
        return RedisURI.create(url()).getPort();
    }

    public static String newPrefix() {
        return "magpie-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /** Deletes every key under {@code prefix}. */
    public static void deleteKeys(String prefix) {
        RedisClient client = RedisClient.create(url());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                if (!page.getKeys().isEmpty()) c.sync().del(page.getKeys().toArray(String[]::new));
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }
}

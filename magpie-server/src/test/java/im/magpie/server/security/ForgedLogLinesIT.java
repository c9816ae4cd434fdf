package im.magpie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.server.logging.LogText;
import im.magpie.testkit.RawClient;
import im.magpie.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 16, item 8: a value from the network cannot forge a log line. The server's log lines are
 * rendered with the production pattern and must stay one line each.
 */
class ForgedLogLinesIT {
    private static final String FORGERY = "ghost\n2026-12-03 10:00:00.000 INFO  connections - login user=admin";

    /** The pattern of magpie-cli's logback.xml (the server's production log). */
    private static final String PRODUCTION_PATTERN =
            "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{24} - %replace(%msg){'[\\p{Cc}\\p{Zl}\\p{Zp}]', '?'}%n";

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger magpie = context.getLogger("im.magpie");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    private Level previousLevel;

    @BeforeEach
    void capture() {
        previousLevel = magpie.getLevel();
        magpie.setLevel(Level.INFO);
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{24} - %msg%n"); // without the %replace
        encoder.start();
        appender.setContext(context);
        appender.start();
        magpie.addAppender(appender);
    }

    @AfterEach
    void release() {
        magpie.detachAppender(appender);
        magpie.setLevel(previousLevel);
    }

    private List<String> renderedLines() {
        return appender.list.stream()
                .map(e -> new String(encoder.encode(e), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void a_username_with_a_newline_writes_one_escaped_log_line() {
        try (TestServer server = TestServer.start(); RawClient c = RawClient.connect(server)) {
            assertThat(c.login(FORGERY, "password-1").getError().getCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(c.login("bob\u2028admin\u0085x\u202Eevil", "password-1").getError().getCode())
                    .isEqualTo(ErrorCode.UNAUTHENTICATED);
        }
        List<String> failures = renderedLines().stream().filter(l -> l.contains("login failed")).toList();
        assertThat(failures).hasSize(2);
        for (String line : failures) {
            assertThat(line.strip()).doesNotContain("\n", "\r", "\u2028", "\u0085", "\u202E");
        }
        assertThat(failures.get(0)).contains("ghost\\n2026-12-03");
        assertThat(failures.get(1)).contains("bob\\u2028admin\\u0085x\\u202eevil");
    }

    @Test
    void the_production_pattern_keeps_even_an_unescaped_message_on_one_line() {
        PatternLayoutEncoder production = new PatternLayoutEncoder();
        production.setContext(context);
        production.setPattern(PRODUCTION_PATTERN);
        production.start();
        LoggerFactory.getLogger("im.magpie.test").info("user={}", FORGERY); // a call site that forgot LogText
        String line = new String(production.encode(appender.list.get(appender.list.size() - 1)), StandardCharsets.UTF_8);
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(line).contains("user=ghost?2026-12-03");
    }

    @Test
    void the_helper_escapes_controls_separators_and_format_characters_and_keeps_ordinary_text() {
        assertThat(LogText.escape("a\r\nb\tc\u0000d\u007Fe\u009Bf")).isEqualTo("a\\r\\nb\\tc\\u0000d\\u007fe\\u009bf");
        assertThat(LogText.escape("\u2028\u2029\u200B\u202E")).isEqualTo("\\u2028\\u2029\\u200b\\u202e");
        assertThat(LogText.escape("张三 😀 naïve")).isEqualTo("张三 😀 naïve");
        assertThat(LogText.escape(null)).isEqualTo("null");
        assertThat(LogText.escape("x".repeat(1000))).hasSize(LogText.MAX_CHARS + 3);
    }
}

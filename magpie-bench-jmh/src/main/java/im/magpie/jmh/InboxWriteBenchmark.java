package im.magpie.jmh;

import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.Text;
import im.magpie.server.cluster.LocalRouter;
import im.magpie.server.inbox.Delivery;
import im.magpie.server.inbox.Inbox;
import im.magpie.server.session.SessionRegistry;
import im.magpie.server.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store's write path for one-to-one messages on embedded H2 (file mode, as the server runs
 * it): each message appended to the recipient's and the sender's inbox in one transaction, with
 * {@code messagesPerTransaction} messages of different pairs sharing a transaction (what group
 * commit buys). Reported per transaction; divide by {@code messagesPerTransaction} per message.
 * The connection pool, schema and SQL are the server's own ({@link Database}, {@link Inbox}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InboxWriteBenchmark {
    private static final int USERS = 2_000;

    @Param({"1", "16", "64"})
    public int messagesPerTransaction;

    private Path dir;
    private Database db;
    private Inbox inbox;
    private long[] users;
    private InboxEvent event;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("magpie-jmh-");
        db = Database.open(Database.embeddedUrl(dir), "", "", 4);
        users = new long[USERS];
        db.jdbi().useTransaction(h -> {
            PreparedBatch u = h.prepareBatch("INSERT INTO users (user_id, username, nickname, password_hash, created_ms) "
                    + "VALUES (:id, :name, :name, 'x', 0)");
            PreparedBatch heads = h.prepareBatch("INSERT INTO inbox_heads (user_id, last_seq) VALUES (:id, 0)");
            for (int i = 0; i < USERS; i++) {
                users[i] = 1_000_000L + i;
                u.bind("id", users[i]).bind("name", "jmh" + i).add();
                heads.bind("id", users[i]).add();
            }
            u.execute();
            heads.execute();
        });
        inbox = new Inbox(db.jdbi(), new LocalRouter(new SessionRegistry()), Clock.systemUTC());
        event = InboxEvent.newBuilder().setMessage(ChatMessage.newBuilder().setMessageId(123456789012345L)
                .setClientMsgId("k3x9a.2n9c.1x2y3z4w5v6u").setSenderId(users[0])
                .setTo(Peer.newBuilder().setUserId(users[1])).setTimeMs(1_700_000_000_000L)
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText("x".repeat(32))))).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        db.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public int appendDirectMessages() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        List<Delivery> deliveries = new ArrayList<>(2 * messagesPerTransaction);
        for (int i = 0; i < messagesPerTransaction; i++) {
            int pair = r.nextInt(USERS / 2);
            deliveries.add(new Delivery(users[2 * pair + 1], event));
            deliveries.add(new Delivery(users[2 * pair], event));
        }
        return db.jdbi().inTransaction(h -> inbox.append(h, deliveries)).size();
    }
}

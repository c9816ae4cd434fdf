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
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
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
 * What the inbox write benchmarks share: an embedded database in a file, as the server runs it,
 * with 2,000 users and their inbox heads, and the server's own pool, schema and SQL ({@link
 * Database}, {@link Inbox}). {@code store}: {@code sqlite}, the embedded default, in WAL mode with
 * synchronous=NORMAL, or {@code h2} with WRITE_DELAY=0 (both: every commit in the file, or the
 * operating system's cache of it, before it returns, so it survives kill -9 of the process; the
 * figures of H2 as it ran until the eighth round, committing in memory behind a send journal, are
 * in docs/benchmarks.md, ninth round).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class InboxBenchmarkBase {
    static final int USERS = 2_000;

    @Param({"h2", "sqlite"})
    public String store;

    /** Pragmas added to the SQLite URL (e.g. {@code cache_size=-65536}), to try settings. */
    @Param({""})
    public String sqlitePragmas;

    Path dir;
    Database db;
    Inbox inbox;
    long[] users;
    InboxEvent event;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("magpie-jmh-");
        db = Database.open(store.equals("sqlite")
                ? Database.sqliteUrl(dir) + (sqlitePragmas.isEmpty() ? "" : "?" + sqlitePragmas) : Database.h2Url(dir), "", "", 4);
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
        inbox = new Inbox(db.jdbi(), new LocalRouter(new SessionRegistry()), Clock.systemUTC(), db.dialect().keysPerInList());
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

    /** Appends in one transaction, committed as the send writer commits. */
    int appendInOneTransaction(List<Delivery> deliveries) {
        return db.jdbi().inTransaction(h -> inbox.append(h, deliveries)).size();
    }

    private long nextMessageId = 1;

    /**
     * What the send writer stores for {@code messages} one-to-one messages in one transaction: a
     * {@code messages} row each (the SQL of {@code MessageStore.insert}), then the appends.
     */
    int storeInOneTransaction(int messages, List<Delivery> deliveries) throws java.sql.SQLException {
        return db.jdbi().inTransaction(h -> {
            try (PreparedStatement insert = h.getConnection().prepareStatement("INSERT INTO messages (message_id, "
                    + "sender_id, peer_kind, peer_id, conversation, client_msg_id, via_group_id, content, time_ms, "
                    + "sender_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < messages; i++) {
                    long id = nextMessageId++;
                    long sender = deliveries.get(2 * i + 1).userId();
                    long peer = deliveries.get(2 * i).userId();
                    insert.setLong(1, id);
                    insert.setLong(2, sender);
                    insert.setInt(3, 1);
                    insert.setLong(4, peer);
                    insert.setString(5, "u" + Math.min(sender, peer) + "_" + Math.max(sender, peer));
                    insert.setString(6, Long.toString(id, 36) + ".k3x9a.2n9c");
                    insert.setLong(7, 0);
                    insert.setBytes(8, event.getMessage().getContent().toByteArray());
                    insert.setLong(9, 1_700_000_000_000L);
                    insert.setLong(10, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return inbox.append(h, deliveries).size();
        });
    }
}

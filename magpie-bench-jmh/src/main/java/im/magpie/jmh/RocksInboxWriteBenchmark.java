package im.magpie.jmh;

import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.Text;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A reference point for {@link InboxWriteBenchmark#storeDirectMessages}: the same writes as
 * key-value pairs in RocksDB (its JNI build), one write batch per transaction through its
 * write-ahead log, not synced (as SQLite's synchronous=NORMAL: survives kill -9 of the process).
 * A message is its row (id → content and envelope) and two inbox events (user, seq → event) with
 * the two users' heads (user → last seq); the heads are also kept in memory, as a store built
 * on RocksDB would keep them, so no read happens on the write path. The Java work around the
 * writes (stamping and serialising the events, the stored copies with their seq) is the
 * server's {@code Inbox.append}'s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RocksInboxWriteBenchmark {
    static final int USERS = 2_000;

    @Param({"1", "16", "64"})
    public int messagesPerTransaction;

    Path dir;
    Options options;
    RocksDB db;
    WriteOptions writeOptions;
    long[] users;
    long[] heads;
    InboxEvent event;
    long nextMessageId = 1;

    @Setup(Level.Trial)
    public void setUp() throws IOException, RocksDBException {
        RocksDB.loadLibrary();
        dir = Files.createTempDirectory("magpie-jmh-rocks-");
        options = new Options().setCreateIfMissing(true);
        db = RocksDB.open(options, dir.toString());
        writeOptions = new WriteOptions().setSync(false);
        users = new long[USERS];
        heads = new long[USERS];
        for (int i = 0; i < USERS; i++) users[i] = 1_000_000L + i;
        event = InboxEvent.newBuilder().setMessage(ChatMessage.newBuilder().setMessageId(123456789012345L)
                .setClientMsgId("k3x9a.2n9c.1x2y3z4w5v6u").setSenderId(users[0])
                .setTo(Peer.newBuilder().setUserId(users[1])).setTimeMs(1_700_000_000_000L)
                .setContent(Content.newBuilder().setText(Text.newBuilder().setText("x".repeat(32))))).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        db.close();
        writeOptions.close();
        options.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public int storeDirectMessages() throws RocksDBException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long now = System.currentTimeMillis();
        List<InboxEvent> stored = new ArrayList<>(2 * messagesPerTransaction);
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < messagesPerTransaction; i++) {
                int pair = r.nextInt(USERS / 2);
                long id = nextMessageId++;
                byte[] content = event.getMessage().getContent().toByteArray();
                ByteBuffer row = ByteBuffer.allocate(8 * 4 + content.length).putLong(users[2 * pair])
                        .putLong(users[2 * pair + 1]).putLong(now).putLong(id).put(content);
                batch.put(key(id, 0), row.array());
                InboxEvent stamped = event.toBuilder().setSeq(0).setTimeMs(now).build();
                byte[] bytes = stamped.toByteArray();
                for (int u : new int[] {2 * pair + 1, 2 * pair}) {
                    long seq = ++heads[u];
                    batch.put(key(users[u], seq), bytes);
                    batch.put(key(users[u], -1), ByteBuffer.allocate(8).putLong(seq).array());
                    stored.add(stamped.toBuilder().setSeq(seq).build());
                }
            }
            db.write(writeOptions, batch);
        }
        return stored.size();
    }

    private static byte[] key(long a, long b) {
        return ByteBuffer.allocate(16).putLong(a).putLong(b).array();
    }
}

package im.magpie.server.message;

import com.google.protobuf.InvalidProtocolBufferException;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.server.inbox.Inbox;
import im.magpie.server.inbox.StoredEvent;
import im.magpie.server.store.H2Durability;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send writers' redo log on embedded H2 (see {@link H2Durability}): what makes an acknowledged
 * message survive kill -9 now that a writer's commit lands in memory only.
 *
 * <p>After a writer's transaction commits and before its sends are acknowledged, the rows it wrote
 * (message rows and inbox events, with their ids and sequences) are appended here as one record.
 * Every {@code checkpointMillis} a checkpoint starts a new segment file, writes the H2 store, and
 * deletes the older segments: what they held is in the store file now. At start, before any writer
 * runs, the records of transactions the store does not hold (a whole transaction is either in it
 * or not) are written again, with the same ids and sequences the acknowledgements and pushes
 * carried.
 *
 * <p>Record: length, CRC32C, then the rows. A record cut short by a crash fails its check and ends
 * the replay of its segment; it was never acknowledged. Appends are serialised; thread-safe.
 */
final class SendJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SendJournal.class);
    private static final String PREFIX = "sends-";
    private static final String SUFFIX = ".log";
    /** A record longer than this is corrupt (a batch of 10,000 group sends is far below it). */
    private static final int MAX_RECORD = 256 << 20;

    private final Path dir;
    private final H2Durability durability;
    private final ScheduledExecutorService checkpoints;
    private long segment;
    private FileChannel current;
    private boolean closed;

    private SendJournal(Path dir, H2Durability durability, long firstSegment) throws IOException {
        this.dir = dir;
        this.durability = durability;
        this.segment = firstSegment;
        this.current = openSegment(firstSegment);
        this.checkpoints = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "magpie-send-journal");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Replays what {@code dir} holds into the database, then opens a new journal there that
     * checkpoints every {@code checkpointMillis}.
     */
    static SendJournal open(Path dir, H2Durability durability, Jdbi jdbi, MessageStore store, Inbox inbox,
                            int checkpointMillis) {
        try {
            Files.createDirectories(dir);
            List<Path> old = segments(dir);
            int replayed = 0;
            for (Path p : old) replayed += replay(p, jdbi, store, inbox);
            durability.flush();
            for (Path p : old) Files.delete(p);
            if (replayed > 0) log.info("send journal: wrote {} transactions again that the store had not kept", replayed);
            long next = old.isEmpty() ? 1 : number(old.get(old.size() - 1)) + 1;
            SendJournal journal = new SendJournal(dir, durability, next);
            journal.checkpoints.scheduleWithFixedDelay(journal::checkpointQuietly, checkpointMillis, checkpointMillis,
                    TimeUnit.MILLISECONDS);
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the send journal in " + dir, e);
        }
    }

    /**
     * Makes one committed transaction durable: appends its rows, or, when the journal cannot take
     * them (disk full, closed), writes the store instead. Returns once the commit survives kill -9.
     */
    void append(List<MessageStore.NewMessage> messages, List<StoredEvent> events) {
        if (messages.isEmpty()) return;
        try {
            ByteBuffer record = encode(messages, events);
            synchronized (this) {
                if (closed) throw new IOException("send journal closed");
                while (record.hasRemaining()) current.write(record);
            }
        } catch (IOException | RuntimeException e) {
            log.error("the send journal cannot take a batch; writing the store instead", e);
            durability.flush();
        }
    }

    /** Starts a new segment, writes the store, and deletes the segments it now holds. */
    void checkpoint() throws IOException {
        List<Path> done;
        synchronized (this) {
            if (closed || current.size() == 0) return;
            current.close();
            segment++;
            current = openSegment(segment);
            done = segments(dir).stream().filter(p -> number(p) < segment).toList();
        }
        durability.flush(); // every record in `done` was appended after its commit, so the store has it
        for (Path p : done) Files.deleteIfExists(p);
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            log.warn("send journal checkpoint failed (will retry)", e);
        }
    }

    /** After the writers stopped: a last checkpoint, then the journal is empty and closed. */
    @Override
    public void close() {
        checkpoints.shutdown(); // not shutdownNow: an interrupt must not reach H2's file in the middle of a store
        try {
            checkpoints.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            checkpoint();
            synchronized (this) {
                closed = true;
                current.close();
            }
            for (Path p : segments(dir)) Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("closing the send journal", e);
        }
    }

    private FileChannel openSegment(long n) throws IOException {
        return FileChannel.open(dir.resolve(String.format("%s%016d%s", PREFIX, n, SUFFIX)),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .toList();
        }
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    // ---- the record format ----

    static ByteBuffer encode(List<MessageStore.NewMessage> messages, List<StoredEvent> events) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 * (messages.size() + events.size()));
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0); // length
        out.writeInt(0); // checksum
        out.writeInt(messages.size());
        for (MessageStore.NewMessage m : messages) {
            out.writeLong(m.messageId());
            out.writeLong(m.senderId());
            out.writeInt(m.to().kind());
            out.writeLong(m.to().peerId());
            out.writeUTF(m.clientMsgId());
            out.writeLong(m.viaGroupId());
            writeBytes(out, m.content().toByteArray());
            out.writeLong(m.timeMs());
            out.writeLong(m.senderSeq());
        }
        out.writeInt(events.size());
        for (StoredEvent e : events) {
            out.writeLong(e.userId());
            writeBytes(out, e.event().toByteArray());
        }
        ByteBuffer record = ByteBuffer.wrap(bytes.toByteArray());
        int length = record.capacity() - 8;
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 8, length);
        record.putInt(0, length).putInt(4, (int) crc.getValue());
        return record;
    }

    record Entry(List<MessageStore.NewMessage> messages, List<StoredEvent> events) {}

    /** The complete records of a segment, in order; stops at the first that is cut short or corrupt. */
    static List<Entry> read(Path segment) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(segment)))) {
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    break;
                }
                int checksum = in.readInt();
                if (length < 8 || length > MAX_RECORD) break;
                byte[] body = in.readNBytes(length);
                CRC32C crc = new CRC32C();
                crc.update(body);
                if (body.length < length || (int) crc.getValue() != checksum) break;
                entries.add(decode(body));
            }
        } catch (EOFException cut) {
            // the checksum itself was cut short
        }
        return entries;
    }

    private static Entry decode(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        int count = in.readInt();
        List<MessageStore.NewMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            long sender = in.readLong();
            Conversation to = new Conversation(in.readInt(), in.readLong());
            String clientMsgId = in.readUTF();
            long via = in.readLong();
            Content content = parse(Content.parser(), readBytes(in));
            messages.add(new MessageStore.NewMessage(id, sender, to, clientMsgId, via, content, in.readLong(), in.readLong()));
        }
        int events = in.readInt();
        List<StoredEvent> stored = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            long user = in.readLong();
            stored.add(new StoredEvent(user, parse(InboxEvent.parser(), readBytes(in))));
        }
        return new Entry(messages, stored);
    }

    /** Writes again the transactions of {@code segment} that the store does not hold; returns how many. */
    private static int replay(Path segment, Jdbi jdbi, MessageStore store, Inbox inbox) throws IOException {
        List<Entry> entries = read(segment);
        return jdbi.inTransaction(tx -> {
            int written = 0;
            for (Entry e : entries) {
                if (e.messages().isEmpty() || store.exists(tx, e.messages().get(0).messageId())) continue;
                store.insert(tx, e.messages());
                inbox.restore(tx, e.events());
                written++;
            }
            return written;
        });
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_RECORD) throw new IOException("corrupt send journal record");
        return in.readNBytes(n);
    }

    private static <T> T parse(com.google.protobuf.Parser<T> parser, byte[] bytes) throws IOException {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("corrupt send journal record", e);
        }
    }
}

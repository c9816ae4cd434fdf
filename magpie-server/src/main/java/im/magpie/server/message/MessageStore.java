package im.magpie.server.message;

import com.google.protobuf.InvalidProtocolBufferException;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.SendAck;
import im.magpie.server.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The {@code messages} table (V3), plus the batch reads of the social tables the writer needs to
 * check many senders' permissions with one query per batch. Blocking; thread-safe.
 */
final class MessageStore {
    private static final String COLUMNS =
            "message_id, sender_id, peer_kind, peer_id, client_msg_id, via_group_id, content, time_ms, sender_seq, recalled";

    /** Point lookups per duplicate-check query (see {@link #existingAcks}). */
    private static final int ACK_LOOKUPS_PER_QUERY = 32;

    private final Jdbi jdbi;
    /** Point lookups per query (the database's {@code Dialect.lookupsPerQuery}). */
    private final int lookupsPerQuery;

    MessageStore(Jdbi jdbi, int lookupsPerQuery) {
        this.jdbi = jdbi;
        this.lookupsPerQuery = lookupsPerQuery;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** A new message row, written by the group-commit writer. */
    record NewMessage(long messageId, long senderId, Conversation to, String clientMsgId, long viaGroupId,
                      Content content, long timeMs, long senderSeq) {}

    /** Plain JDBC, like {@code Inbox.append}: it runs for every message, and Jdbi's per-row binding cost more than the SQL. */
    void insert(Handle tx, List<NewMessage> rows) {
        if (rows.isEmpty()) return;
        try (PreparedStatement insert = tx.getConnection().prepareStatement("INSERT INTO messages (message_id, "
                + "sender_id, peer_kind, peer_id, conversation, client_msg_id, via_group_id, content, time_ms, "
                + "sender_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (NewMessage m : rows) {
                insert.setLong(1, m.messageId());
                insert.setLong(2, m.senderId());
                insert.setInt(3, m.to().kind());
                insert.setLong(4, m.to().peerId());
                insert.setString(5, m.to().key(m.senderId()));
                insert.setString(6, m.clientMsgId());
                insert.setLong(7, m.viaGroupId());
                insert.setBytes(8, m.content().toByteArray());
                insert.setLong(9, m.timeMs());
                insert.setLong(10, m.senderSeq()); // recalled: the column's default, false
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw Sql.unchecked(e);
        }
    }

    /** Acks of messages already stored for these (sender, client id) pairs, keyed "sender:clientId". */
    Map<String, SendAck> existingAcks(Handle h, Collection<PendingSend> sends) {
        if (sends.isEmpty()) return Map.of();
        // One unique-index point lookup per (sender, client id), UNION ALL-ed in chunks of a fixed
        // most, so the cost is the batch's size, never the senders' history (an IN list on each
        // column scans every message of every sender in the batch), and the few distinct SQL
        // texts stay in Jdbi's parse cache.
        Map<String, SendAck> acks = new HashMap<>();
        List<PendingSend> all = new ArrayList<>(sends);
        for (int from = 0; from < all.size(); from += ACK_LOOKUPS_PER_QUERY) {
            List<PendingSend> chunk = all.subList(from, Math.min(all.size(), from + ACK_LOOKUPS_PER_QUERY));
            StringBuilder sql = new StringBuilder();
            for (int i = 0; i < chunk.size(); i++) {
                if (i > 0) sql.append(" UNION ALL ");
                sql.append("SELECT sender_id, client_msg_id, message_id, time_ms, sender_seq FROM messages WHERE sender_id = :s")
                        .append(i).append(" AND client_msg_id = :c").append(i);
            }
            Query query = h.createQuery(sql.toString());
            for (int i = 0; i < chunk.size(); i++) {
                query.bind("s" + i, chunk.get(i).senderId).bind("c" + i, chunk.get(i).clientMsgId);
            }
            query.map((rs, ctx) -> {
                acks.put(rs.getLong("sender_id") + ":" + rs.getString("client_msg_id"), SendAck.newBuilder()
                        .setClientMsgId(rs.getString("client_msg_id")).setMessageId(rs.getLong("message_id"))
                        .setServerTimeMs(rs.getLong("time_ms")).setSeq(rs.getLong("sender_seq")).build());
                return 0;
            }).list();
        }
        return acks;
    }

    /** An ordered pair of users: (owner, friend) in {@code friendships}, (owner, blocked) in {@code blocks}. */
    record UserPair(long owner, long other) {}

    /** Which of {@code pairs} are friendships (owner has other as a friend). */
    Set<UserPair> friendships(Handle h, Collection<UserPair> pairs) {
        return existingPairs(h, "friendships", "friend_id", pairs);
    }

    /** Which of {@code pairs} are blocks (owner blocked other). */
    Set<UserPair> blocks(Handle h, Collection<UserPair> pairs) {
        return existingPairs(h, "blocks", "blocked_id", pairs);
    }

    // Exactly the pairs asked for, each one primary-key lookup, joined with UNION ALL up to the
    // dialect's lookups per query (padded to a power of two, so a few statement shapes serve every
    // batch; on H2 one lookup, run again for each pair). Asking for "owners IN (...) AND others IN
    // (...)" instead read every friendship of every user in the batch and, on H2, compared each
    // against the whole second list: a cost that grew with the square of the batch.
    private Set<UserPair> existingPairs(Handle h, String table, String otherColumn, Collection<UserPair> pairs) {
        if (pairs.isEmpty()) return Set.of();
        List<UserPair> all = new ArrayList<>(pairs);
        Set<UserPair> found = new HashSet<>();
        String lookup = "SELECT owner_id, " + otherColumn + " FROM " + table + " WHERE owner_id = ? AND " + otherColumn + " = ?";
        PreparedStatement full = null; // every chunk but the last is full: one statement for all of them
        try {
            for (int from = 0; from < all.size(); from += lookupsPerQuery) {
                List<UserPair> chunk = all.subList(from, Math.min(all.size(), from + lookupsPerQuery));
                if (chunk.size() == lookupsPerQuery) {
                    if (full == null) full = prepareLookups(h, lookup, lookupsPerQuery);
                    readPairs(full, chunk, lookupsPerQuery, found);
                } else {
                    int size = Sql.powerOfTwoAtLeast(chunk.size());
                    try (PreparedStatement last = prepareLookups(h, lookup, size)) {
                        readPairs(last, chunk, size, found);
                    }
                }
            }
        } catch (SQLException e) {
            throw Sql.unchecked(e);
        } finally {
            closeQuietly(full);
        }
        return found;
    }

    /** Runs {@code query}, {@code size} lookups padded with repeats of the chunk's last pair, into {@code found}. */
    private static void readPairs(PreparedStatement query, List<UserPair> chunk, int size, Set<UserPair> found) throws SQLException {
        for (int i = 0; i < size; i++) {
            UserPair pair = chunk.get(Math.min(i, chunk.size() - 1));
            query.setLong(2 * i + 1, pair.owner());
            query.setLong(2 * i + 2, pair.other());
        }
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) found.add(new UserPair(rs.getLong(1), rs.getLong(2)));
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        if (statement == null) return;
        try {
            statement.close();
        } catch (SQLException ignored) {
            // closing after a failure that is already being reported
        }
    }

    private static PreparedStatement prepareLookups(Handle h, String lookup, int count) throws SQLException {
        return h.getConnection().prepareStatement(String.join(" UNION ALL ", Collections.nCopies(count, lookup)));
    }

    /** The conversation key of each of these messages that exists. */
    Map<Long, String> conversationsOf(Handle h, Collection<Long> messageIds) {
        if (messageIds.isEmpty()) return Map.of();
        Map<Long, String> found = new HashMap<>();
        h.createQuery("SELECT message_id, conversation FROM messages WHERE message_id IN (<ids>)")
                .bindList("ids", Sql.paddedToPowerOfTwo(new ArrayList<>(new HashSet<>(messageIds))))
                .map((rs, ctx) -> {
                    found.put(rs.getLong(1), rs.getString(2));
                    return 0;
                }).list();
        return found;
    }

    /**
     * Moves the reader's receipt mark for this conversation and kind up to {@code upTo}, within
     * {@code tx}; false if it already was there or beyond (the receipt tells nothing new).
     */
    boolean advanceReceiptMark(Handle tx, long readerId, String conversation, int kind, long upTo) {
        int moved = tx.createUpdate("UPDATE receipt_marks SET up_to_id = :upTo WHERE reader_id = :r "
                        + "AND conversation = :c AND kind = :k AND up_to_id < :upTo")
                .bind("upTo", upTo).bind("r", readerId).bind("c", conversation).bind("k", kind).execute();
        if (moved == 1) return true;
        boolean exists = tx.createQuery("SELECT COUNT(*) FROM receipt_marks WHERE reader_id = :r AND conversation = :c AND kind = :k")
                .bind("r", readerId).bind("c", conversation).bind("k", kind).mapTo(Integer.class).one() > 0;
        if (exists) return false;
        tx.createUpdate("INSERT INTO receipt_marks (reader_id, conversation, kind, up_to_id) VALUES (:r, :c, :k, :upTo)")
                .bind("r", readerId).bind("c", conversation).bind("k", kind).bind("upTo", upTo).execute();
        return true;
    }

    Set<Long> existingUsers(Handle h, Collection<Long> ids) {
        if (ids.isEmpty()) return Set.of();
        return new HashSet<>(h.createQuery("SELECT user_id FROM users WHERE user_id IN (<ids>)")
                .bindList("ids", new ArrayList<>(ids)).mapTo(Long.class).list());
    }

    Optional<StoredMessage> find(long messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM messages WHERE message_id = :id")
                .bind("id", messageId).map((rs, ctx) -> row(rs)).findOne());
    }

    /** Rows by id, for filling in sync pages. */
    Map<Long, StoredMessage> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        Map<Long, StoredMessage> byId = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM messages WHERE message_id IN (<ids>)")
                .bindList("ids", new ArrayList<>(ids)).map((rs, ctx) -> row(rs)).forEach(m -> byId.put(m.messageId(), m)));
        return byId;
    }

    /** One history page: newest first, ids below {@code beforeId} (0 = from the newest), time at or after {@code sinceMs}. */
    List<StoredMessage> page(String conversation, long beforeId, long sinceMs, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM messages WHERE conversation = :c "
                        + "AND message_id < :before AND time_ms >= :since ORDER BY message_id DESC LIMIT :n")
                .bind("c", conversation).bind("before", beforeId == 0 ? Long.MAX_VALUE : beforeId)
                .bind("since", sinceMs).bind("n", limit).map((rs, ctx) -> row(rs)).list());
    }

    /** Marks recalled and deletes the content within {@code tx}; false if it was already recalled. */
    boolean recall(Handle tx, long messageId) {
        return tx.createUpdate("UPDATE messages SET content = NULL, recalled = :t WHERE message_id = :id AND recalled = :f")
                .bind("t", true).bind("f", false).bind("id", messageId).execute() == 1;
    }

    /** Deletes messages older than {@code cutoffMs}, at most {@code max} of them; returns how many. */
    int purgeOlderThan(long cutoffMs, int max) {
        return jdbi.withHandle(h -> {
            List<Long> ids = h.createQuery("SELECT message_id FROM messages WHERE time_ms < :cut ORDER BY time_ms LIMIT :n")
                    .bind("cut", cutoffMs).bind("n", max).mapTo(Long.class).list();
            if (ids.isEmpty()) return 0;
            return h.createUpdate("DELETE FROM messages WHERE message_id IN (<ids>)").bindList("ids", ids).execute();
        });
    }

    private static StoredMessage row(ResultSet rs) throws SQLException {
        byte[] bytes = rs.getBytes("content");
        Content content = null;
        if (bytes != null) {
            try {
                content = Content.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("corrupt message content " + rs.getLong("message_id"), e);
            }
        }
        return new StoredMessage(rs.getLong("message_id"), rs.getLong("sender_id"),
                new Conversation(rs.getInt("peer_kind"), rs.getLong("peer_id")), rs.getString("client_msg_id"),
                rs.getLong("via_group_id"), content, rs.getLong("time_ms"), rs.getLong("sender_seq"), rs.getBoolean("recalled"));
    }
}

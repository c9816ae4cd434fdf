package im.magpie.server.social;

import im.magpie.protocol.proto.FriendRequestState;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Friend requests in table {@code friend_requests}. Every method works inside the caller's
 * transaction; at most one request per pair of users is open at a time (column {@code open_pair}).
 */
final class FriendRequestStore {
    private static final String COLUMNS = "request_id, from_id, to_id, note, req_state, silenced, created_ms, expires_ms, answered_ms";
    private static final RowMapper<FriendRequestRecord> ROW = (rs, ctx) -> new FriendRequestRecord(
            rs.getLong("request_id"), rs.getLong("from_id"), rs.getLong("to_id"), rs.getString("note"),
            FriendRequestState.forNumber(rs.getInt("req_state")), rs.getInt("silenced") != 0,
            rs.getLong("created_ms"), rs.getLong("expires_ms"), rs.getLong("answered_ms"));

    static String pairKey(long a, long b) {
        return Math.min(a, b) + ":" + Math.max(a, b);
    }

    /** Inserts a pending request; fails with a unique violation if the pair already has one open. */
    void insert(Handle tx, FriendRequestRecord r) {
        tx.createUpdate("INSERT INTO friend_requests (" + COLUMNS + ", open_pair) VALUES "
                        + "(:id, :from, :to, :note, :state, :silenced, :created, :expires, 0, :pair)")
                .bind("id", r.requestId()).bind("from", r.fromId()).bind("to", r.toId()).bind("note", r.note())
                .bind("state", r.state().getNumber()).bind("silenced", r.silenced() ? 1 : 0)
                .bind("created", r.createdMs()).bind("expires", r.expiresMs())
                .bind("pair", pairKey(r.fromId(), r.toId()))
                .execute();
    }

    Optional<FriendRequestRecord> find(Handle h, long requestId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM friend_requests WHERE request_id = :id")
                .bind("id", requestId).map(ROW).findOne();
    }

    /** The pair's open request (pending as stored; it may have expired meanwhile), locked. */
    Optional<FriendRequestRecord> findOpen(Handle tx, long a, long b) {
        return tx.createQuery("SELECT " + COLUMNS + " FROM friend_requests WHERE open_pair = :pair<for_update>")
                .bind("pair", pairKey(a, b)).map(ROW).findOne();
    }

    /** Closes a pending request with {@code state}; false if it was no longer pending. */
    boolean close(Handle tx, long requestId, FriendRequestState state, long nowMs) {
        return tx.createUpdate("UPDATE friend_requests SET req_state = :state, answered_ms = :now, open_pair = NULL "
                        + "WHERE request_id = :id AND req_state = :pending")
                .bind("state", state.getNumber()).bind("now", nowMs).bind("id", requestId)
                .bind("pending", FriendRequestState.PENDING.getNumber())
                .execute() == 1;
    }

    void silence(Handle tx, long requestId) {
        tx.createUpdate("UPDATE friend_requests SET silenced = 1 WHERE request_id = :id").bind("id", requestId).execute();
    }

    /** Pending, unexpired requests to {@code userId} that they may see, newest first. */
    List<FriendRequestRecord> incoming(Handle h, long userId, long nowMs, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM friend_requests WHERE to_id = :u AND req_state = :pending "
                        + "AND silenced = 0 AND expires_ms > :now ORDER BY created_ms DESC, request_id DESC LIMIT :n")
                .bind("u", userId).bind("pending", FriendRequestState.PENDING.getNumber()).bind("now", nowMs)
                .bind("n", limit).map(ROW).list();
    }

    /** Pending, unexpired requests from {@code userId} (silenced ones too: the block is not revealed). */
    List<FriendRequestRecord> outgoing(Handle h, long userId, long nowMs, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM friend_requests WHERE from_id = :u AND req_state = :pending "
                        + "AND expires_ms > :now ORDER BY created_ms DESC, request_id DESC LIMIT :n")
                .bind("u", userId).bind("pending", FriendRequestState.PENDING.getNumber()).bind("now", nowMs)
                .bind("n", limit).map(ROW).list();
    }

    int countOutgoing(Handle h, long userId, long nowMs) {
        return h.createQuery("SELECT COUNT(*) FROM friend_requests WHERE from_id = :u AND req_state = :pending AND expires_ms > :now")
                .bind("u", userId).bind("pending", FriendRequestState.PENDING.getNumber()).bind("now", nowMs)
                .mapTo(Integer.class).one();
    }

    /** True if a and b have an open, unexpired request between them that both may see. */
    boolean hasVisiblePending(Handle h, long a, long b, long nowMs) {
        return h.createQuery("SELECT COUNT(*) FROM friend_requests WHERE open_pair = :pair AND req_state = :pending "
                        + "AND silenced = 0 AND expires_ms > :now")
                .bind("pair", pairKey(a, b)).bind("pending", FriendRequestState.PENDING.getNumber()).bind("now", nowMs)
                .mapTo(Integer.class).one() > 0;
    }
}

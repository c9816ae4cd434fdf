package im.magpie.server.file;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Offers and their recipients (tables {@code files}, {@code file_recipients}; migration V17). */
final class FileStore {
    static final int ANSWER_NONE = 0;
    static final int ANSWER_ACCEPTED = 1;
    static final int ANSWER_DECLINED = 2;
    /** Most files one listing returns (newest first). */
    static final int LIST_MAX = 200;

    private static final RowMapper<StoredFile> FILE = (rs, ctx) -> new StoredFile(rs.getLong("file_id"),
            rs.getLong("sender_id"), rs.getLong("to_user_id"), rs.getLong("to_group_id"), rs.getString("name"),
            rs.getLong("size_bytes"), rs.getString("mime_type"), rs.getString("sha256"), rs.getBytes("thumbnail"),
            rs.getInt("state"), rs.getLong("created_ms"), rs.getLong("expires_ms"));

    private final Jdbi jdbi;

    FileStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    void insert(Handle tx, StoredFile f, List<Long> recipients) {
        tx.createUpdate("INSERT INTO files (file_id, sender_id, to_user_id, to_group_id, name, size_bytes, mime_type, sha256,"
                        + " thumbnail, state, created_ms, expires_ms) VALUES (:id, :sender, :toUser, :toGroup, :name, :size,"
                        + " :mime, :sha, :thumb, :state, :created, :expires)")
                .bind("id", f.fileId()).bind("sender", f.senderId()).bind("toUser", f.toUserId()).bind("toGroup", f.toGroupId())
                .bind("name", f.name()).bind("size", f.size()).bind("mime", f.mimeType()).bind("sha", f.sha256())
                .bind("thumb", f.thumbnail()).bind("state", f.state()).bind("created", f.createdMs())
                .bind("expires", f.expiresMs())
                .execute();
        var batch = tx.prepareBatch("INSERT INTO file_recipients (file_id, user_id, answer) VALUES (:f, :u, 0)");
        for (long user : recipients) batch.bind("f", f.fileId()).bind("u", user).add();
        if (!recipients.isEmpty()) batch.execute();
    }

    Optional<StoredFile> find(long fileId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM files WHERE file_id = :id")
                .bind("id", fileId).map(FILE).findOne());
    }

    /** The recipient's answer, or empty if {@code userId} is not a recipient. */
    Optional<Integer> answer(long fileId, long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT answer FROM file_recipients WHERE file_id = :f AND user_id = :u")
                .bind("f", fileId).bind("u", userId).mapTo(Integer.class).findOne());
    }

    List<Long> recipients(Handle h, long fileId) {
        return h.createQuery("SELECT user_id FROM file_recipients WHERE file_id = :f ORDER BY user_id")
                .bind("f", fileId).mapTo(Long.class).list();
    }

    /** Sets the answer if none was given yet; false if it was. */
    boolean setAnswer(Handle tx, long fileId, long userId, int answer) {
        return tx.createUpdate("UPDATE file_recipients SET answer = :a WHERE file_id = :f AND user_id = :u AND answer = 0")
                .bind("a", answer).bind("f", fileId).bind("u", userId).execute() == 1;
    }

    boolean setState(Handle tx, long fileId, int from, int to) {
        return tx.createUpdate("UPDATE files SET state = :to WHERE file_id = :f AND state = :from")
                .bind("to", to).bind("f", fileId).bind("from", from).execute() == 1;
    }

    /** Bytes of the sender's offers that have not expired (what counts against the quota). */
    long bytesOffered(Handle h, long senderId, long nowMs) {
        return h.createQuery("SELECT COALESCE(SUM(size_bytes), 0) FROM files WHERE sender_id = :s AND expires_ms > :now")
                .bind("s", senderId).bind("now", nowMs).mapTo(Long.class).one();
    }

    /** Unexpired files the user sent or was offered, newest first, each with the user's answer. */
    List<Map.Entry<StoredFile, Integer>> listFor(long userId, long nowMs) {
        return jdbi.withHandle(h -> h.createQuery("SELECT f.*, COALESCE(r.answer, -1) AS my_answer FROM files f"
                        + " LEFT JOIN file_recipients r ON r.file_id = f.file_id AND r.user_id = :u"
                        + " WHERE (f.sender_id = :u OR r.user_id = :u) AND f.expires_ms > :now"
                        + " ORDER BY f.created_ms DESC, f.file_id DESC LIMIT :n")
                .bind("u", userId).bind("now", nowMs).bind("n", LIST_MAX)
                .map((rs, ctx) -> Map.entry(FILE.map(rs, ctx), rs.getInt("my_answer")))
                .list());
    }

    List<StoredFile> expired(long nowMs, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM files WHERE expires_ms <= :now ORDER BY expires_ms LIMIT :n")
                .bind("now", nowMs).bind("n", limit).map(FILE).list());
    }

    void delete(Handle tx, long fileId) {
        tx.createUpdate("DELETE FROM file_recipients WHERE file_id = :f").bind("f", fileId).execute();
        tx.createUpdate("DELETE FROM files WHERE file_id = :f").bind("f", fileId).execute();
    }

    /** True if any file row still names this content. */
    boolean contentInUse(Handle h, String sha256) {
        return h.createQuery("SELECT COUNT(*) FROM files WHERE sha256 = :s").bind("s", sha256).mapTo(Long.class).one() > 0;
    }
}

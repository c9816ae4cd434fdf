package im.magpie.server.social;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link SocialGraph} on tables {@code friendships} and {@code blocks}. */
public final class JdbcSocialGraph implements SocialGraph {
    private final Jdbi jdbi;

    public JdbcSocialGraph(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean areFriends(long a, long b) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM friendships WHERE owner_id = :a AND friend_id = :b")
                .bind("a", a).bind("b", b).mapTo(Integer.class).one() > 0);
    }

    @Override
    public boolean blocks(long owner, long other) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM blocks WHERE owner_id = :o AND blocked_id = :b")
                .bind("o", owner).bind("b", other).mapTo(Integer.class).one() > 0);
    }

    @Override
    public List<Long> friendIds(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT friend_id FROM friendships WHERE owner_id = :u ORDER BY friend_id")
                .bind("u", userId).mapTo(Long.class).list());
    }

    @Override
    public List<Long> blockedIds(long owner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT blocked_id FROM blocks WHERE owner_id = :o ORDER BY blocked_id")
                .bind("o", owner).mapTo(Long.class).list());
    }

    @Override
    public void block(Handle tx, long owner, long other, long nowMs) {
        int exists = tx.createQuery("SELECT COUNT(*) FROM blocks WHERE owner_id = :o AND blocked_id = :b")
                .bind("o", owner).bind("b", other).mapTo(Integer.class).one();
        if (exists == 0) {
            tx.createUpdate("INSERT INTO blocks (owner_id, blocked_id, since_ms) VALUES (:o, :b, :t)")
                    .bind("o", owner).bind("b", other).bind("t", nowMs).execute();
        }
    }

    @Override
    public void unblock(Handle tx, long owner, long other) {
        tx.createUpdate("DELETE FROM blocks WHERE owner_id = :o AND blocked_id = :b")
                .bind("o", owner).bind("b", other).execute();
    }

    @Override
    public boolean areFriends(Handle tx, long a, long b) {
        return tx.createQuery("SELECT COUNT(*) FROM friendships WHERE owner_id = :a AND friend_id = :b")
                .bind("a", a).bind("b", b).mapTo(Integer.class).one() > 0;
    }

    @Override
    public boolean eitherBlocks(Handle tx, long a, long b) {
        return tx.createQuery("SELECT COUNT(*) FROM blocks WHERE (owner_id = :a AND blocked_id = :b) "
                        + "OR (owner_id = :b AND blocked_id = :a)")
                .bind("a", a).bind("b", b).mapTo(Integer.class).one() > 0;
    }

    @Override
    public void befriend(Handle tx, long a, long b, long nowMs) {
        for (long[] side : new long[][] {{a, b}, {b, a}}) {
            int exists = tx.createQuery("SELECT COUNT(*) FROM friendships WHERE owner_id = :o AND friend_id = :f")
                    .bind("o", side[0]).bind("f", side[1]).mapTo(Integer.class).one();
            if (exists == 0) {
                tx.createUpdate("INSERT INTO friendships (owner_id, friend_id, since_ms) VALUES (:o, :f, :t)")
                        .bind("o", side[0]).bind("f", side[1]).bind("t", nowMs).execute();
            }
        }
    }

    @Override
    public void unfriend(Handle tx, long a, long b) {
        tx.createUpdate("DELETE FROM friendships WHERE (owner_id = :a AND friend_id = :b) OR (owner_id = :b AND friend_id = :a)")
                .bind("a", a).bind("b", b).execute();
    }
}

package im.magpie.server.social;

import im.magpie.protocol.Limits;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.FriendRequestList;
import im.magpie.protocol.proto.FriendRequestState;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.server.account.User;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.inbox.Delivery;
import im.magpie.server.inbox.Inbox;
import im.magpie.server.inbox.StoredEvent;
import im.magpie.server.store.IdGenerator;
import im.magpie.server.store.Sql;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Friend requests: send, answer, cancel, list. Every change is stored together with the inbox
 * events that report it (to the target and to the requester, so both sides' other devices see it
 * and an offline target finds it on the next login), and those events are pushed after commit.
 *
 * <p>Outcomes of the edge cases: to oneself BAD_REQUEST; to a friend CONFLICT; a repeated request
 * returns the pending one unchanged; crossing requests (B asks A while A's request to B is pending)
 * make them friends at once; a request to someone who blocks the requester is answered as if it were
 * sent but is never shown to the target (it stays pending for the requester until it expires), so
 * the block is not revealed; a request to someone the requester blocks is CONFLICT (unblock first);
 * an unknown user NOT_FOUND. A pending request past its expiry counts as EXPIRED. Blocking; call from
 * worker threads. Thread-safe.
 */
public final class FriendRequests {
    private static final Logger log = LoggerFactory.getLogger(FriendRequests.class);
    private static final int LIST_LIMIT = 500;
    private static final int MAX_ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final FriendRequestStore store;
    private final ProfileStore profiles;
    private final FriendStore friendStore;
    private final FriendListVersions versions;
    private final SocialGraph graph;
    private final Inbox inbox;
    private final Presence presence;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration ttl;
    private final int maxPending;
    private final int maxFriends;

    FriendRequests(Jdbi jdbi, FriendRequestStore store, ProfileStore profiles, FriendStore friendStore,
                   FriendListVersions versions, SocialGraph graph,
                   Inbox inbox, Presence presence, IdGenerator ids, Clock clock, Duration ttl, int maxPending, int maxFriends) {
        this.jdbi = jdbi;
        this.store = store;
        this.profiles = profiles;
        this.friendStore = friendStore;
        this.versions = versions;
        this.graph = graph;
        this.inbox = inbox;
        this.presence = presence;
        this.ids = ids;
        this.clock = clock;
        this.ttl = ttl;
        this.maxPending = maxPending;
        this.maxFriends = maxFriends;
    }

    /** What a change produced: the request as it now stands, and the events to publish. */
    private record Outcome(FriendRequestRecord request, List<StoredEvent> events, boolean befriended) {}

    /**
     * Sends a request from {@code fromId} to the user {@code target} (by id if non-zero, else by
     * username). Returns the request as stored (ACCEPTED for crossing requests).
     */
    public FriendRequest send(long fromId, long targetId, String targetUsername, String rawNote) {
        String note = Texts.check(rawNote, 0, Limits.FRIEND_NOTE_MAX_CHARS, true, "social.request.note_invalid");
        User from = profiles.find(fromId).orElseThrow(() -> MagpieException.notFound("social.user.not_found"));
        Optional<User> found = targetId != 0 ? profiles.find(targetId)
                : profiles.findByUsername(targetUsername == null ? "" : targetUsername.strip().toLowerCase(java.util.Locale.ROOT));
        User to = found.orElseThrow(() -> MagpieException.notFound("social.user.not_found"));
        if (to.userId() == fromId) throw MagpieException.badRequest("social.request.self");
        // Two requests between the same pair at the same moment: the retry sees the winner's request.
        Outcome outcome = Sql.retryingRaces(MAX_ATTEMPTS, () -> jdbi.inTransaction(tx -> send(tx, from, to, note)));
        return finish(outcome, from, to);
    }

    private Outcome send(Handle tx, User from, User to, String note) {
        long now = clock.millis();
        long a = from.userId();
        long b = to.userId();
        if (graph.areFriends(tx, a, b)) throw MagpieException.conflict("social.request.already_friends");
        if (blocks(tx, a, b)) throw MagpieException.conflict("social.request.you_block");
        boolean silenced = blocks(tx, b, a);
        Optional<FriendRequestRecord> open = store.findOpen(tx, a, b);
        if (open.isPresent()) {
            FriendRequestRecord r = open.get();
            if (!r.isOpen(now)) {
                store.close(tx, r.requestId(), FriendRequestState.EXPIRED, now);
            } else if (r.fromId() == a && r.silenced() && !silenced) {
                // asked while blocked, asked again after the unblock: a fresh request the target sees
                store.close(tx, r.requestId(), FriendRequestState.EXPIRED, now);
            } else if (r.fromId() == a) {
                return new Outcome(r, List.of(), false); // repeated: the same request
            } else if (!silenced) {
                return answer(tx, r, true, now); // crossing: both want it
            }
        }
        if (store.countOutgoing(tx, a, now) >= maxPending) {
            throw MagpieException.conflict("social.request.too_many", maxPending);
        }
        FriendRequestRecord r = new FriendRequestRecord(ids.next(), a, b, note, FriendRequestState.PENDING, silenced,
                now, now + ttl.toMillis(), 0);
        store.insert(tx, r);
        FriendRequest event = SocialProtos.request(r, from, to, now);
        List<Delivery> deliveries = new ArrayList<>();
        deliveries.add(delivery(a, event));
        if (!silenced) deliveries.add(delivery(b, event));
        return new Outcome(r, inbox.append(tx, deliveries), false);
    }

    /** The target accepts or rejects a pending request. */
    public FriendRequest answer(long userId, long requestId, boolean accept) {
        long now = clock.millis();
        Outcome outcome = jdbi.inTransaction(tx -> {
            FriendRequestRecord r = store.find(tx, requestId)
                    .filter(x -> x.toId() == userId && !x.silenced())
                    .orElseThrow(() -> MagpieException.notFound("social.request.not_found"));
            checkPending(r, now);
            return answer(tx, r, accept, now);
        });
        return finish(outcome, null, null);
    }

    /** The requester withdraws a pending request. */
    public FriendRequest cancel(long userId, long requestId) {
        long now = clock.millis();
        Outcome outcome = jdbi.inTransaction(tx -> {
            FriendRequestRecord r = store.find(tx, requestId)
                    .filter(x -> x.fromId() == userId)
                    .orElseThrow(() -> MagpieException.notFound("social.request.not_found"));
            checkPending(r, now);
            return new Outcome(r.with(FriendRequestState.CANCELLED, now), close(tx, r, FriendRequestState.CANCELLED, now), false);
        });
        return finish(outcome, null, null);
    }

    /**
     * Within a block's transaction: cancels {@code owner}'s open request to {@code other}, and hides
     * {@code other}'s open request to {@code owner} from the owner (the other is not told).
     */
    List<StoredEvent> onBlock(Handle tx, long owner, long other) {
        long now = clock.millis();
        Optional<FriendRequestRecord> open = store.findOpen(tx, owner, other);
        if (open.isEmpty() || !open.get().isOpen(now)) return List.of();
        FriendRequestRecord r = open.get();
        if (r.fromId() == owner) return close(tx, r, FriendRequestState.CANCELLED, now);
        store.silence(tx, r.requestId());
        return List.of();
    }

    public FriendRequestList list(long userId) {
        long now = clock.millis();
        return jdbi.withHandle(h -> {
            List<FriendRequestRecord> in = store.incoming(h, userId, now, LIST_LIMIT);
            List<FriendRequestRecord> out = store.outgoing(h, userId, now, LIST_LIMIT);
            if (in.isEmpty() && out.isEmpty()) return FriendRequestList.getDefaultInstance(); // most logins: no profile query
            Set<Long> userIds = new HashSet<>();
            for (FriendRequestRecord r : in) userIds.add(r.fromId());
            for (FriendRequestRecord r : out) userIds.add(r.toId());
            userIds.add(userId);
            Map<Long, User> users = profiles.findAll(h, userIds);
            FriendRequestList.Builder list = FriendRequestList.newBuilder();
            for (FriendRequestRecord r : in) list.addIncoming(SocialProtos.request(r, users.get(r.fromId()), users.get(r.toId()), now));
            for (FriendRequestRecord r : out) list.addOutgoing(SocialProtos.request(r, users.get(r.fromId()), users.get(r.toId()), now));
            return list.build();
        });
    }

    /** Incoming then outgoing pending requests, for the login answer. */
    public List<FriendRequest> pending(long userId) {
        FriendRequestList list = list(userId);
        List<FriendRequest> all = new ArrayList<>(list.getIncomingList());
        all.addAll(list.getOutgoingList());
        return all;
    }

    private void checkPending(FriendRequestRecord r, long now) {
        FriendRequestState state = r.effectiveState(now);
        if (state == FriendRequestState.EXPIRED) throw MagpieException.conflict("social.request.expired");
        if (state != FriendRequestState.PENDING) throw MagpieException.conflict("social.request.answered");
    }

    private Outcome answer(Handle tx, FriendRequestRecord r, boolean accept, long now) {
        if (accept) {
            for (long side : new long[] {r.fromId(), r.toId()}) {
                if (friendStore.friendCount(tx, side) >= maxFriends) {
                    throw MagpieException.conflict("social.friends.too_many", maxFriends);
                }
            }
            graph.befriend(tx, r.fromId(), r.toId(), now);
        }
        FriendRequestState state = accept ? FriendRequestState.ACCEPTED : FriendRequestState.REJECTED;
        Outcome outcome = new Outcome(r.with(state, now), close(tx, r, state, now), accept);
        if (accept) versions.bump(tx, List.of(r.fromId(), r.toId()));
        return outcome;
    }

    /** Closes the request with {@code state} and appends the news to both sides (not to a target who never saw it). */
    private List<StoredEvent> close(Handle tx, FriendRequestRecord r, FriendRequestState state, long now) {
        if (!store.close(tx, r.requestId(), state, now)) throw MagpieException.conflict("social.request.answered");
        Map<Long, User> users = profiles.findAll(tx, List.of(r.fromId(), r.toId()));
        FriendRequest event = SocialProtos.request(r.with(state, now), users.get(r.fromId()), users.get(r.toId()), now);
        List<Delivery> deliveries = new ArrayList<>();
        deliveries.add(delivery(r.fromId(), event));
        if (!r.silenced()) deliveries.add(delivery(r.toId(), event));
        return inbox.append(tx, deliveries);
    }

    private FriendRequest finish(Outcome outcome, User from, User to) {
        inbox.publish(outcome.events());
        FriendRequestRecord r = outcome.request();
        if (outcome.befriended()) {
            presence.tellFriend(r.fromId(), r.toId());
            presence.tellFriend(r.toId(), r.fromId());
            log.debug("friends now: {} and {}", r.fromId(), r.toId());
        }
        if (from == null || from.userId() != r.fromId() || to == null || to.userId() != r.toId()) {
            Map<Long, User> users = jdbi.withHandle(h -> profiles.findAll(h, List.of(r.fromId(), r.toId())));
            from = users.get(r.fromId());
            to = users.get(r.toId());
        }
        return SocialProtos.request(r, from, to, clock.millis());
    }

    private static boolean blocks(Handle tx, long owner, long other) {
        return tx.createQuery("SELECT COUNT(*) FROM blocks WHERE owner_id = :o AND blocked_id = :b")
                .bind("o", owner).bind("b", other).mapTo(Integer.class).one() > 0;
    }

    private static Delivery delivery(long userId, FriendRequest request) {
        return new Delivery(userId, InboxEvent.newBuilder().setFriendRequest(request).build());
    }
}

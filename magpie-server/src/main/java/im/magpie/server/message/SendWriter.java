package im.magpie.server.message;

import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.SendAck;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.inbox.Delivery;
import im.magpie.server.inbox.Inbox;
import im.magpie.server.inbox.StoredEvent;
import im.magpie.server.message.MessageStore.UserPair;
import im.magpie.server.session.OutboundBatch;
import im.magpie.server.session.QueueBackpressure;
import im.magpie.server.store.DatabaseHealth;
import im.magpie.server.store.IdGenerator;
import im.magpie.server.store.Sql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of sends. Each writer thread owns a bounded queue and a share of the conversations
 * (by hash of the conversation key), takes whatever is queued (up to {@link Limits#batchSends}) and
 * writes all of it in ONE transaction (several when group messages make it too many rows, see
 * {@link #cutByDeliveries}): permission check (one query for the whole batch), message rows,
 * and every inbox append. Only after that commit (durable when it returns, on every database) does it
 * complete the acks and push to online devices. So "acked ⇒ committed" holds for every message, and the cost of a
 * commit is shared by everyone in the batch: the more load, the bigger the batches.
 *
 * <p>Order: a conversation is always written by the same writer, in queue order, and the batch
 * order is the commit order (message ids and inbox sequences are assigned in that order).
 *
 * <p>Idempotency: a send is keyed by (sender, client id). A retry that arrives while the first is
 * queued or being written joins its result ({@link #inFlight}, left the moment that result is
 * decided, so a retry never joins a failure); a later one trips the unique key on (sender, client
 * id), and the batch is written again with a lookup of stored sends, which gives the retry the
 * first ack.
 *
 * <p>Database outages: a batch that cannot reach the database is held and written again once
 * {@link DatabaseHealth} has it back, for at most {@code holdMillis} per outage; past that it is
 * answered UNAVAILABLE with a retry time, and so is every batch until the database answers. A send
 * answered so makes the later sends of its conversation wait for its retry ({@link SendOrder}), so
 * retries never put a sender's messages out of order. Thread-safe; {@link #submit} never blocks (it
 * runs on an event loop).
 */
final class SendWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SendWriter.class);

    private final MessageStore store;
    private final Inbox inbox;
    private final IdGenerator ids;
    private final Clock clock;
    private final Supplier<GroupDirectory> groups;
    private final Limits limits;
    private final List<BlockingQueue<PendingSend>> queues = new ArrayList<>();
    private final List<QueueBackpressure> backpressure = new ArrayList<>(); // one per queue
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentHashMap<String, PendingSend> inFlight = new ConcurrentHashMap<>();
    private final DatabaseHealth health;
    private final SendOrder order;
    /** One-to-one messages pushed to their recipient, and those reported as delivered directly (not pushed). */
    private final java.util.concurrent.atomic.LongAdder relayed = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder reportedDirect = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean closing;
    private final long holdNanos;

    /**
     * How the writers share the work: {@code writers} threads, {@code queueCapacity} sends waiting
     * over all of them, and per transaction at most {@code batchSends} sends and, past the first
     * send, at most {@code batchDeliveries} inbox appends (a 500-member group message is 500).
     */
    record Limits(int writers, int queueCapacity, int batchSends, int batchDeliveries) {}

    /**
     * Database outages: how long a writer holds its batch waiting for {@code health} to be back,
     * and how long a conversation waits for the retry of a send refused meanwhile.
     */
    record Outages(DatabaseHealth health, long holdMillis, long orderWaitMillis) {}

    SendWriter(MessageStore store, Inbox inbox, IdGenerator ids, Clock clock, Supplier<GroupDirectory> groups,
               Limits limits, Outages outages) {
        this.store = store;
        this.health = outages.health();
        this.holdNanos = TimeUnit.MILLISECONDS.toNanos(outages.holdMillis());
        this.order = new SendOrder(outages.orderWaitMillis(), clock::millis);
        this.inbox = inbox;
        this.ids = ids;
        this.clock = clock;
        this.groups = groups;
        this.limits = limits;
        int writers = limits.writers();
        int perWriter = Math.max(1, limits.queueCapacity() / writers);
        for (int i = 0; i < writers; i++) {
            BlockingQueue<PendingSend> queue = new ArrayBlockingQueue<>(perWriter);
            QueueBackpressure pressure = QueueBackpressure.forCapacity(perWriter, queue::size);
            queues.add(queue);
            backpressure.add(pressure);
            Thread t = new Thread(() -> run(queue, pressure), "magpie-send-writer-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /**
     * Queues a validated send; the future completes after commit. Past half the queue, the sender's
     * connection is no longer read until the writer has caught up ({@link QueueBackpressure}), so
     * a client that sends faster than we store is slowed down. Throws UNAVAILABLE when the queue
     * is full all the same (many connections at once) or the server is shutting down (nothing was
     * stored: the client retries later).
     */
    CompletableFuture<SendAck> submit(PendingSend send) {
        if (closing) throw MagpieException.unavailable("message.shutting_down");
        PendingSend earlier = inFlight.putIfAbsent(send.dedupKey(), send);
        if (earlier != null) return earlier.result; // a retry while the first is still on its way
        // Out as soon as decided: a retry after a failure must be tried again, not handed the failure.
        send.result.whenComplete((ack, e) -> inFlight.remove(send.dedupKey(), send));
        int index = Math.floorMod(send.to.key(send.senderId).hashCode(), queues.size());
        BlockingQueue<PendingSend> queue = queues.get(index);
        if (!queue.offer(send)) {
            order.refusedForNow(send); // the client sends it again: later ones must not pass it
            send.result.completeExceptionally(MagpieException.unavailable("message.busy"));
            return send.result;
        }
        backpressure.get(index).queued(send.origin);
        return send.result;
    }

    /** Sends queued now, over all writers (for metrics and tests). */
    int queued() {
        return queues.stream().mapToInt(BlockingQueue::size).sum();
    }

    /** Conversations waiting for the retry of a send refused during an outage (for metrics and tests). */
    int conversationsWaiting() {
        return order.waiting();
    }

    /** How many times a sender's connection was paused because a writer's queue was filling up. */
    long readPauses() {
        return backpressure.stream().mapToLong(QueueBackpressure::pauses).sum();
    }

    private void run(BlockingQueue<PendingSend> queue, QueueBackpressure pressure) {
        int batchMax = limits.batchSends();
        List<PendingSend> batch = new ArrayList<>(batchMax);
        Outage outage = new Outage();
        while (true) {
            PendingSend first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                pressure.drained(); // also lifts a pause that raced with the last drain
                order.expire();
                if (closing) break;
                continue;
            }
            batch.clear();
            batch.add(first);
            queue.drainTo(batch, batchMax - 1);
            try {
                writeHolding(batch, outage);
            } catch (InterruptedException e) {
                for (PendingSend p : batch) if (!p.resolved) p.result.completeExceptionally(MagpieException.unavailable("message.shutting_down"));
                break;
            } catch (Throwable t) {
                log.error("writing a batch of {} sends failed", batch.size(), t);
                for (PendingSend p : batch) {
                    if (p.resolved) continue;
                    p.resolved = true;
                    order.resolved(p);
                    p.result.completeExceptionally(internal());
                }
            } finally {
                for (PendingSend p : batch) inFlight.remove(p.dedupKey(), p);
                pressure.drained();
            }
        }
        pressure.drained();
    }

    /** The database cannot be reached: the sends not yet resolved are to be held, not failed. */
    private static final class DatabaseUnreachable extends RuntimeException {
        DatabaseUnreachable(RuntimeException cause) {
            super(cause.toString(), cause, false, false);
        }
    }

    /** One writer thread's view of the current outage. */
    private static final class Outage {
        long holdUntil; // System.nanoTime() until which batches are held in this outage; 0 while the database answers
    }

    /**
     * Writes {@code batch}, holding it through a short database outage: it is written again once
     * the database is back, until this outage's hold time runs out; then what is left of it is
     * answered UNAVAILABLE (and its conversations wait for those retries, see {@link SendOrder}).
     */
    private void writeHolding(List<PendingSend> batch, Outage outage) throws InterruptedException {
        List<PendingSend> live = order.admit(batch, this::refuseOutOfOrder);
        while (true) {
            List<PendingSend> left = live.stream().filter(p -> !p.resolved).toList();
            if (left.isEmpty()) return;
            if (!health.up()) {
                if (outage.holdUntil == 0) outage.holdUntil = System.nanoTime() + holdNanos;
                if (!health.awaitUp(outage.holdUntil)) {
                    refuseForNow(left);
                    return;
                }
            }
            try {
                write(left);
                outage.holdUntil = 0;
                return;
            } catch (DatabaseUnreachable e) {
                health.failed(e.getCause());
                if (outage.holdUntil == 0) {
                    outage.holdUntil = System.nanoTime() + holdNanos;
                    log.warn("the database cannot be reached ({}); holding {} sends for up to {} ms",
                            e.getMessage(), left.size(), TimeUnit.NANOSECONDS.toMillis(holdNanos));
                }
                if (System.nanoTime() - outage.holdUntil >= 0) {
                    refuseForNow(live.stream().filter(p -> !p.resolved).toList());
                    return;
                }
                if (health.up()) Thread.sleep(100); // no pooled connection in time, yet not down: a moment
            }
        }
    }

    /** Not stored, and the client should send them again later: UNAVAILABLE with the database's retry time. */
    private void refuseForNow(List<PendingSend> sends) {
        for (PendingSend p : sends) {
            p.resolved = true;
            order.refusedForNow(p);
            p.result.completeExceptionally(new MagpieException(ErrorCode.UNAVAILABLE, health.retryAfterSeconds(),
                    "message.database.unavailable"));
        }
    }

    /** Behind an earlier send of its conversation that the client has to send again first. */
    private void refuseOutOfOrder(PendingSend p) {
        p.resolved = true;
        p.result.completeExceptionally(new MagpieException(ErrorCode.UNAVAILABLE, 1, "message.order.waiting"));
    }

    private void write(List<PendingSend> batch) {
        GroupDirectory directory = groups.get();
        List<PendingSend> live = new ArrayList<>(batch.size());
        for (PendingSend p : batch) {
            try {
                prepare(directory, p);
                live.add(p);
            } catch (MagpieException e) {
                resolve(p, e);
            } catch (RuntimeException e) {
                if (DatabaseHealth.isUnavailable(e)) throw new DatabaseUnreachable(e);
                log.error("group lookup for a send failed", e);
                resolve(p, internal());
            }
        }
        for (List<PendingSend> chunk : cutByDeliveries(live, limits.batchDeliveries())) writeChunk(chunk);
    }

    /**
     * Cuts a batch, in order, into transactions of at most {@code budget} inbox appends each (a
     * send bigger than that goes alone). Group messages multiply the rows, and a backlog of them
     * must not become one huge transaction: memory, and a long wait for the first ack.
     */
    static List<List<PendingSend>> cutByDeliveries(List<PendingSend> sends, int budget) {
        List<List<PendingSend>> chunks = new ArrayList<>();
        int from = 0;
        int deliveries = 0;
        for (int i = 0; i < sends.size(); i++) {
            int more = deliveriesOf(sends.get(i));
            if (i > from && deliveries + more > budget) {
                chunks.add(sends.subList(from, i));
                from = i;
                deliveries = 0;
            }
            deliveries += more;
        }
        if (from < sends.size()) chunks.add(sends.subList(from, sends.size()));
        return chunks;
    }

    /** Inbox appends a send makes: every member and the sender (at most), or the peer and the sender. */
    private static int deliveriesOf(PendingSend p) {
        return p.to.isGroup() ? p.groupMembers.size() + 1 : 2;
    }

    /** Writes {@code sends} in one transaction, then acks and pushes; one bad send does not sink the rest. */
    private void writeChunk(List<PendingSend> sends) {
        Committed committed;
        try {
            // Optimistic: a retry of a stored send is rare, and the unique key on (sender, client
            // id) refuses it anyway, so the batch skips the duplicate lookup and pays for it only
            // when that key fires.
            committed = store.jdbi().inTransaction(tx -> commit(tx, sends, false));
        } catch (RuntimeException e) {
            if (DatabaseHealth.isUnavailable(e)) throw new DatabaseUnreachable(e);
            if (Sql.isUniqueViolation(e)) {
                try {
                    finish(store.jdbi().inTransaction(tx -> commit(tx, sends, true)));
                    return;
                } catch (RuntimeException again) {
                    if (DatabaseHealth.isUnavailable(again)) throw new DatabaseUnreachable(again);
                    e = again;
                }
            }
            if (sends.size() == 1) {
                writeAlone(sends.get(0), e);
                return;
            }
            // One bad send must not sink the others: write them one by one.
            log.warn("a batch of {} sends failed ({}); writing them one by one", sends.size(), e.toString());
            for (PendingSend p : sends) writeAlone(p, null);
            return;
        }
        finish(committed);
    }

    private void writeAlone(PendingSend p, RuntimeException firstFailure) {
        RuntimeException failure = firstFailure;
        for (int attempt = 0; attempt < 2; attempt++) {
            if (failure != null && !Sql.isUniqueViolation(failure)) break; // retry only a lost race on the client id
            try {
                finish(store.jdbi().inTransaction(tx -> commit(tx, List.of(p), true)));
                return;
            } catch (RuntimeException e) {
                if (DatabaseHealth.isUnavailable(e)) throw new DatabaseUnreachable(e);
                failure = e;
            }
        }
        if (failure instanceof MagpieException me) {
            resolve(p, me);
        } else {
            log.error("storing a message failed", failure);
            resolve(p, internal());
        }
    }

    /** Refused for good (nothing to retry for order's sake). */
    private void resolve(PendingSend p, MagpieException e) {
        p.resolved = true;
        order.resolved(p);
        p.result.completeExceptionally(e);
    }

    /** Group lookups happen before the transaction, so it stays short. */
    private static void prepare(GroupDirectory directory, PendingSend p) {
        if (p.to.isGroup()) {
            p.groupMembers = directory.membersForPost(p.to.peerId(), p.senderId);
            String text = p.content.hasText() ? p.content.getText().getText() : "";
            p.mentions = directory.resolveMentions(p.to.peerId(), p.senderId, text, p.content.getMentionAll());
        } else if (p.viaGroupId != 0) {
            p.privateWordAllowed = directory.allowsPrivateWord(p.viaGroupId, p.senderId, p.to.peerId());
        }
    }

    private record Outcome(PendingSend send, SendAck ack, MagpieException error, Content content, List<StoredEvent> events) {}

    /** A batch's outcomes. */
    private record Committed(List<Outcome> outcomes) {}

    /** Writes the batch; {@code checkDuplicates} first looks up sends already stored (retries). */
    private Committed commit(Handle tx, List<PendingSend> sends, boolean checkDuplicates) {
        Map<String, SendAck> existing = checkDuplicates ? store.existingAcks(tx, sends) : Map.of();
        Map<PendingSend, MagpieException> refused = new HashMap<>(checkOneToOne(tx, sends, existing));
        refused.putAll(checkReplies(tx, sends, existing, refused));
        long now = clock.millis();

        List<Delivery> deliveries = new ArrayList<>();
        List<PendingSend> accepted = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>(); // per accepted send: first delivery, count, the sender's delivery
        List<Long> messageIds = new ArrayList<>();
        List<Content> contents = new ArrayList<>();
        for (PendingSend p : sends) {
            if (existing.containsKey(p.dedupKey()) || refused.containsKey(p)) continue;
            long messageId = ids.next();
            ChatMessage envelope = ChatMessage.newBuilder()
                    .setMessageId(messageId).setClientMsgId(p.clientMsgId).setSenderId(p.senderId)
                    .setTo(p.to.toPeer()).setTimeMs(now).setViaGroupId(p.viaGroupId)
                    .setDeliveredDirectly(p.deliveredDirectly).build();
            int start = deliveries.size();
            int senderIndex;
            Content.Builder content = p.content.toBuilder().clearMentionUserIds();
            // Every member's event is one of two shared instances (mentioned or not): the inbox
            // serialises each distinct instance once however many members it goes to.
            InboxEvent plain = InboxEvent.newBuilder().setMessage(envelope).build();
            if (p.to.isGroup()) {
                content.addAllMentionUserIds(new TreeSet<>(p.mentions));
                InboxEvent mentionsMe = p.mentions.isEmpty() ? plain
                        : InboxEvent.newBuilder().setMessage(envelope.toBuilder().setMentionsMe(true)).build();
                senderIndex = -1;
                for (long member : p.groupMembers) {
                    if (member == p.senderId) senderIndex = deliveries.size();
                    boolean mentioned = member != p.senderId && p.mentions.contains(member);
                    deliveries.add(new Delivery(member, mentioned ? mentionsMe : plain));
                }
                if (senderIndex < 0) {
                    senderIndex = deliveries.size();
                    deliveries.add(new Delivery(p.senderId, plain));
                }
            } else {
                content.clearMentionAll();
                deliveries.add(new Delivery(p.to.peerId(), plain));
                senderIndex = deliveries.size();
                deliveries.add(new Delivery(p.senderId, plain));
            }
            accepted.add(p);
            ranges.add(new int[] {start, deliveries.size() - start, senderIndex});
            messageIds.add(messageId);
            contents.add(content.build());
        }

        List<StoredEvent> stored = inbox.append(tx, deliveries);
        List<MessageStore.NewMessage> rows = new ArrayList<>(accepted.size());
        Map<PendingSend, Outcome> byAccepted = new HashMap<>();
        for (int i = 0; i < accepted.size(); i++) {
            PendingSend p = accepted.get(i);
            int[] range = ranges.get(i);
            long senderSeq = stored.get(range[2]).seq();
            rows.add(new MessageStore.NewMessage(messageIds.get(i), p.senderId, p.to, p.clientMsgId, p.viaGroupId,
                    contents.get(i), now, senderSeq));
            SendAck ack = SendAck.newBuilder().setClientMsgId(p.clientMsgId).setMessageId(messageIds.get(i))
                    .setServerTimeMs(now).setSeq(senderSeq).build();
            byAccepted.put(p, new Outcome(p, ack, null, contents.get(i),
                    List.copyOf(stored.subList(range[0], range[0] + range[1]))));
        }
        store.insert(tx, rows);

        List<Outcome> outcomes = new ArrayList<>(sends.size());
        for (PendingSend p : sends) {
            SendAck earlier = existing.get(p.dedupKey());
            if (earlier != null) outcomes.add(new Outcome(p, earlier, null, null, List.of()));
            else if (refused.containsKey(p)) outcomes.add(new Outcome(p, null, refused.get(p), null, List.of()));
            else outcomes.add(byAccepted.get(p));
        }
        return new Committed(outcomes);
    }

    /** Friends-only and blocks for the one-to-one sends of a batch: one lookup per pair to check, batched. */
    private Map<PendingSend, MagpieException> checkOneToOne(Handle tx, List<PendingSend> sends, Map<String, SendAck> existing) {
        Set<UserPair> forward = new HashSet<>(); // (sender, recipient): must be friends, must not be blocked
        Set<UserPair> both = new HashSet<>();    // and the recipient must not have blocked the sender either
        for (PendingSend p : sends) {
            if (p.to.isGroup() || existing.containsKey(p.dedupKey())) continue;
            forward.add(new UserPair(p.senderId, p.to.peerId()));
            both.add(new UserPair(p.senderId, p.to.peerId()));
            both.add(new UserPair(p.to.peerId(), p.senderId));
        }
        if (forward.isEmpty()) return Map.of();
        Set<UserPair> friends = store.friendships(tx, forward);
        Set<UserPair> blocked = store.blocks(tx, both);
        Map<PendingSend, MagpieException> refused = new HashMap<>();
        List<PendingSend> notFriends = new ArrayList<>();
        for (PendingSend p : sends) {
            if (p.to.isGroup() || existing.containsKey(p.dedupKey())) continue;
            UserPair there = new UserPair(p.senderId, p.to.peerId());
            UserPair back = new UserPair(p.to.peerId(), p.senderId);
            if (blocked.contains(there) || blocked.contains(back)) {
                refused.put(p, MagpieException.forbidden("message.blocked"));
            } else if (!friends.contains(there) && !p.privateWordAllowed) {
                notFriends.add(p);
            }
        }
        if (!notFriends.isEmpty()) {
            Set<Long> known = store.existingUsers(tx, notFriends.stream().map(p -> p.to.peerId()).toList());
            for (PendingSend p : notFriends) {
                refused.put(p, known.contains(p.to.peerId())
                        ? MagpieException.forbidden("message.not_friends")
                        : MagpieException.notFound("message.recipient.not_found"));
            }
        }
        return refused;
    }

    /** A reply must quote a message of the same conversation (one query for the batch's replies). */
    private Map<PendingSend, MagpieException> checkReplies(Handle tx, List<PendingSend> sends, Map<String, SendAck> existing,
                                                           Map<PendingSend, MagpieException> refused) {
        List<PendingSend> replies = new ArrayList<>();
        for (PendingSend p : sends) {
            if (p.content.getReplyToMessageId() != 0 && !existing.containsKey(p.dedupKey()) && !refused.containsKey(p)) {
                replies.add(p);
            }
        }
        if (replies.isEmpty()) return Map.of();
        Map<Long, String> conversations = store.conversationsOf(tx, replies.stream().map(p -> p.content.getReplyToMessageId()).toList());
        Map<PendingSend, MagpieException> bad = new HashMap<>();
        for (PendingSend p : replies) {
            if (!p.to.key(p.senderId).equals(conversations.get(p.content.getReplyToMessageId()))) {
                bad.put(p, MagpieException.notFound("message.reply_to.not_found"));
            }
        }
        return bad;
    }

    /**
     * After commit: acks, then pushes (the sender's other devices, every recipient's devices),
     * all handed to the event loops together.
     */
    private void finish(Committed committed) {
        for (Outcome o : committed.outcomes()) {
            o.send().resolved = true;
            order.resolved(o.send());
        }
        OutboundBatch.run(() -> acknowledgeAndPush(committed));
    }

    private void acknowledgeAndPush(Committed committed) {
        for (Outcome o : committed.outcomes()) {
            if (o.ack() != null) o.send().result.complete(o.ack());
            else o.send().result.completeExceptionally(o.error());
        }
        Map<ChatMessage, ChatMessage> withContent = new IdentityHashMap<>();
        for (Outcome o : committed.outcomes()) {
            if (o.events().isEmpty()) continue;
            withContent.clear();
            List<StoredEvent> own = new ArrayList<>(1);
            List<StoredEvent> others = new ArrayList<>(o.events().size());
            for (StoredEvent e : o.events()) {
                // A message's events share their ChatMessage instances: fill each in once.
                ChatMessage full = withContent.computeIfAbsent(e.event().getMessage(),
                        m -> m.toBuilder().setContent(o.content()).build());
                InboxEvent event = e.event().toBuilder().setMessage(full).build();
                (e.userId() == o.send().senderId ? own : others).add(new StoredEvent(e.userId(), event));
            }
            if (o.send().deliveredDirectly) {
                inbox.publishQuietly(others); // the recipient has it: its other devices find it by sequence
                reportedDirect.increment();
            } else {
                inbox.publish(others);
                if (!o.send().to.isGroup()) relayed.increment();
            }
            inbox.publishExcept(own, o.send().origin);
        }
    }

    long relayed() {
        return relayed.sum();
    }

    long reportedDirect() {
        return reportedDirect.sum();
    }

    private static MagpieException internal() {
        return new MagpieException(ErrorCode.INTERNAL, 0, "core.internal");
    }

    /** Stops taking sends, writes what is queued, and stops the writers (before the database closes). */
    @Override
    public void close() {
        closing = true;
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (BlockingQueue<PendingSend> q : queues) {
            for (PendingSend p; (p = q.poll()) != null; ) {
                p.result.completeExceptionally(MagpieException.unavailable("message.shutting_down"));
            }
        }
    }
}

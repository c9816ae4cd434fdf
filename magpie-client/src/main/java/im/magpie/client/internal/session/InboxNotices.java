package im.magpie.client.internal.session;

import im.magpie.client.FriendRequestRecord;
import im.magpie.client.GroupNoticeKind;
import im.magpie.client.MessengerEvent;
import im.magpie.client.NamedMessage;
import im.magpie.client.files.FileOffer;
import im.magpie.client.files.internal.FileProtos;
import im.magpie.client.history.HistoryStore;
import im.magpie.client.history.HistoryStoreException;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerRef;
import im.magpie.client.history.PendingInvitation;
import im.magpie.client.history.PendingJoinRequest;
import im.magpie.client.history.ReceiptKind;
import im.magpie.client.internal.Directory;
import im.magpie.client.internal.HistoryMappers;
import im.magpie.client.internal.Records;
import im.magpie.protocol.proto.FriendRequest;
import im.magpie.protocol.proto.GroupNotice;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.client.history.NoticeRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns stored inbox events (messages, receipts, recalls, friend requests, group notices, file
 * offers and answers) into {@link MessengerEvent}s with names, and keeps the caches they
 * change current: people heard of, pending group invitations and join requests, the friend list
 * after an acceptance or removal, the groups after a membership change. People the store has no
 * name for are looked up first; batches are published in inbox order all the same.
 * Confined to the session thread.
 */
final class InboxNotices {
    /** The inbox entries that become an {@link MessengerEvent.InboxNotice} (messages do not). */
    private static final Set<InboxEvent.KindCase> NOTICES = EnumSet.of(InboxEvent.KindCase.FRIEND_REQUEST,
            InboxEvent.KindCase.FRIEND_REMOVED, InboxEvent.KindCase.RECEIPT, InboxEvent.KindCase.RECALL,
            InboxEvent.KindCase.GROUP_NOTICE, InboxEvent.KindCase.FILE_OFFERED, InboxEvent.KindCase.FILE_ANSWERED);

    private final HistoryStore store;
    private final Directory names;
    private final ContactsCache contacts;
    private final LongSupplier selfUserId;
    private final Consumer<MessengerEvent> publish;
    /** The last batch's publication: the next one waits for it, so names never reorder events. */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    InboxNotices(HistoryStore store, Directory names, ContactsCache contacts, LongSupplier selfUserId,
                 Consumer<MessengerEvent> publish) {
        this.store = store;
        this.names = names;
        this.contacts = contacts;
        this.selfUserId = selfUserId;
        this.publish = publish;
    }

    /** {@code inbox} was just stored, adding {@code added} messages. */
    void stored(List<InboxEvent> inbox, List<MessageRecord> added) {
        Set<Long> people = new LinkedHashSet<>();
        added.forEach(m -> people.add(m.senderId()));
        boolean friendsChanged = false;
        boolean groupsChanged = false;
        for (InboxEvent e : inbox) {
            switch (e.getKindCase()) {
                case FRIEND_REQUEST -> {
                    FriendRequest r = e.getFriendRequest();
                    names.learn(List.of(Records.person(r.getFrom()), Records.person(r.getTo())));
                    friendsChanged |= Records.state(r.getState()) == FriendRequestRecord.State.ACCEPTED;
                }
                case FRIEND_REMOVED -> {
                    people.add(e.getFriendRemoved().getUserId());
                    friendsChanged = true;
                }
                case RECEIPT -> people.add(e.getReceipt().getReaderId());
                case RECALL -> people.add(e.getRecall().getRecalledBy());
                case FILE_OFFERED -> people.add(e.getFileOffered().getFile().getSenderId());
                case FILE_ANSWERED -> people.add(e.getFileAnswered().getUserId());
                case GROUP_NOTICE -> {
                    GroupNotice n = e.getGroupNotice();
                    people.add(n.getActorId());
                    people.add(n.getSubjectId());
                    groupsChanged |= pending(n, e.getTimeMs());
                }
                default -> { }
            }
        }
        if (friendsChanged) {
            contacts.refreshFriends().exceptionally(f -> null);
        }
        if (groupsChanged) {
            contacts.refreshGroups();
        }
        CompletableFuture<Void> named = contacts.learnUnknown(people);
        tail = tail.thenCompose(v -> named).thenRun(() -> events(inbox, added).forEach(publish));
    }

    /** The inbox entries of {@code inbox} that are notices, to keep until a front end shows them. */
    static List<NoticeRecord> kept(List<InboxEvent> inbox) {
        List<NoticeRecord> out = new ArrayList<>();
        for (InboxEvent e : inbox) {
            if (NOTICES.contains(e.getKindCase()) && e.getSeq() > 0) {
                out.add(new NoticeRecord(e.getSeq(), e.getTimeMs(), e.getKindCase().name(), e.toByteArray(), false));
            }
        }
        return out;
    }

    /** Completes (on the session thread) once every batch stored so far is published. */
    CompletableFuture<Void> published() {
        return tail;
    }

    /** Publishes {@code event} after every batch before it. */
    void then(MessengerEvent event) {
        tail = tail.thenRun(() -> publish.accept(event));
    }

    /** Keeps pending invitations and join requests; true if this account's groups changed. */
    private boolean pending(GroupNotice n, long timeMs) {
        long self = selfUserId.getAsLong();
        GroupNoticeKind kind = Records.noticeKind(n.getKind());
        try {
            names.learnGroup(n.getGroupId(), n.getGroupName());
            switch (kind) {
                case INVITED -> store.people().addInvitation(new PendingInvitation(n.getGroupId(), n.getActorId(), timeMs));
                case JOIN_REQUESTED -> store.people().addJoinRequest(
                        new PendingJoinRequest(n.getGroupId(), n.getActorId(), n.getText(), timeMs));
                case MEMBER_JOINED, JOIN_REJECTED -> {
                    store.people().removeJoinRequest(n.getGroupId(), n.getSubjectId());
                    if (n.getSubjectId() == self) {
                        store.people().removeInvitation(n.getGroupId());
                    }
                }
                case GROUP_DISSOLVED -> {
                    store.people().removeInvitation(n.getGroupId());
                    store.people().removeJoinRequests(n.getGroupId());
                }
                default -> { }
            }
        } catch (HistoryStoreException e) {
            publish.accept(new MessengerEvent.StoreFailed(e));
        }
        return kind != GroupNoticeKind.INVITED && kind != GroupNoticeKind.JOIN_REQUESTED
                && kind != GroupNoticeKind.JOIN_REJECTED;
    }

    /**
     * The named events of stored inbox entries: a {@link MessengerEvent.MessagesReceived} for
     * {@code added}, then one or two events per notice. Reads only names: safe on any thread.
     */
    List<MessengerEvent> events(List<InboxEvent> inbox, List<MessageRecord> added) {
        List<MessengerEvent> out = new ArrayList<>();
        if (!added.isEmpty()) {
            out.add(new MessengerEvent.MessagesReceived(added.stream().map(this::named).toList()));
        }
        long self = selfUserId.getAsLong();
        for (InboxEvent e : inbox) {
            long seq = e.getSeq();
            long time = e.getTimeMs();
            switch (e.getKindCase()) {
                case FRIEND_REQUEST -> {
                    FriendRequestRecord r = Records.friendRequest(e.getFriendRequest(), self, names);
                    out.add(r.state() != FriendRequestRecord.State.PENDING ? new MessengerEvent.FriendRequestAnswered(r, seq, time)
                            : r.incoming() ? new MessengerEvent.FriendRequestReceived(r, seq, time)
                            : new MessengerEvent.FriendRequestSent(r, seq, time));
                }
                case FRIEND_REMOVED -> out.add(new MessengerEvent.FriendRemoved(
                        names.user(e.getFriendRemoved().getUserId()), seq, time));
                case RECEIPT -> {
                    var r = e.getReceipt();
                    PeerRef peer = HistoryMappers.toPeer(r.getPeer());
                    out.add(new MessengerEvent.ReceiptReceived(names.chat(peer), names.user(r.getReaderId()),
                            r.getKind() == im.magpie.protocol.proto.ReceiptKind.READ ? ReceiptKind.READ : ReceiptKind.DELIVERED,
                            r.getUpToMessageId(), seq, time));
                    out.add(new MessengerEvent.ConversationChanged(peer));
                }
                case RECALL -> {
                    var r = e.getRecall();
                    PeerRef peer = HistoryMappers.toPeer(r.getPeer());
                    out.add(new MessengerEvent.MessageRecalled(names.chat(peer), names.user(r.getRecalledBy()),
                            r.getMessageId(), seq, time));
                    out.add(new MessengerEvent.ConversationChanged(peer));
                }
                case GROUP_NOTICE -> {
                    GroupNotice n = e.getGroupNotice();
                    out.add(new MessengerEvent.GroupNotice(Records.noticeKind(n.getKind()), names.group(n.getGroupId()),
                            n.getActorId() > 0 ? names.user(n.getActorId()) : null,
                            n.getSubjectId() > 0 ? names.user(n.getSubjectId()) : null, n.getText(), seq, time));
                }
                case FILE_OFFERED -> {
                    FileOffer offer = FileProtos.offer(e.getFileOffered().getFile());
                    if (offer.senderId() != self) { // not this account's own offer, heard by another of its devices
                        PeerRef chat = offer.to().kind() == im.magpie.client.history.PeerKind.GROUP ? offer.to()
                                : PeerRef.user(offer.senderId());
                        out.add(new MessengerEvent.FileOffered(offer, names.user(offer.senderId()), names.chat(chat), seq, time));
                    }
                }
                case FILE_ANSWERED -> {
                    var a = e.getFileAnswered();
                    out.add(new MessengerEvent.FileAnswered(a.getFileId(), a.getName(), names.user(a.getUserId()),
                            a.getAccepted(), seq, time));
                }
                default -> { }
            }
        }
        return out;
    }

    NamedMessage named(MessageRecord m) {
        return new NamedMessage(m, names.user(m.senderId()), names.chat(m.peer()));
    }
}

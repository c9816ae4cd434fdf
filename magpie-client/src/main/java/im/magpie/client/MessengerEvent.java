package im.magpie.client;

import im.magpie.client.files.FileDirection;
import im.magpie.client.files.FileOffer;
import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.HistoryStoreException;
import im.magpie.client.history.PeerRef;
import im.magpie.client.history.Presence;
import im.magpie.client.history.ReceiptKind;
import im.magpie.client.p2p.ConversationPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Messenger} tells its listeners: a closed set of records, handled with an
 * exhaustive {@code switch} or {@code instanceof}. Everything that changes the local history or
 * the contacts cache has already been committed when the event is delivered, so a listener can
 * re-read the store. People and groups are named by id and by the best name this account knows
 * ({@link UserRef}, {@link GroupRef}, {@link ChatRef}).
 *
 * <p>Events from the inbox ({@link InboxNotice}) carry the inbox sequence and server time; each
 * is delivered once per messenger (a sync after a reconnect does not repeat what a push brought).
 * Inbox notices and new messages are also kept unseen in the local history until a front end
 * shows them: {@link Messenger#showUnseen} replays what no one has shown (also what another
 * program on the profile synced), {@link Messenger#markSeen} marks what was shown as it arrived.
 */
public sealed interface MessengerEvent {

    /** An event that is an entry of this account's inbox on the server. */
    sealed interface InboxNotice extends MessengerEvent {
        /** The inbox sequence number. */
        long seq();

        /** The server's time of the event. */
        long timeMs();
    }

    // ------------------------------------------------------------------------- connection

    /**
     * The session moved to {@code state}.
     *
     * @param retryIn with {@link SessionState#RECONNECTING}: the delay before the next attempt, else null
     * @param cause why the connection was lost or refused (with RECONNECTING or OFFLINE), else null
     */
    record StateChanged(SessionState state, Duration retryIn, Throwable cause) implements MessengerEvent {}

    /**
     * The server is closing the session (restart, maintenance, logged in elsewhere).
     *
     * @param reason the server's words
     * @param reconnect whether the messenger will reconnect (false: it stops, see {@link StateChanged})
     */
    record ServerGoingAway(String reason, boolean reconnect) implements MessengerEvent {}

    /**
     * The one-to-one conversation with {@code friend} now goes {@code path}: "direct" or "via
     * server" for a front end to show (see {@link Messenger#path}, {@link MessengerBuilder#direct}).
     * Also sent when an attempt to go direct settled without success.
     *
     * @param reason why, in a few words ("connected", "channel closed", "no candidate answered within 3 s", ...)
     */
    record PathChanged(UserRef friend, ConversationPath path, String reason) implements MessengerEvent {}

    /** Every inbox event up to {@code lastSeq} is stored (a sync finished). */
    record Synced(long lastSeq) implements MessengerEvent {}

    /**
     * Writing the local history failed (disk full, database locked or damaged). Nothing was lost
     * from the server's point of view: unsynced events are fetched again, unacknowledged messages
     * stay in the outbox. The message names the file.
     */
    record StoreFailed(HistoryStoreException error) implements MessengerEvent {}

    // ---------------------------------------------------------------------------- messages

    /** New messages were stored (received, or sent by this account from another device), in order. */
    record MessagesReceived(List<NamedMessage> messages) implements MessengerEvent {
        public MessagesReceived {
            messages = List.copyOf(messages);
        }
    }

    /** The server acknowledged a queued message: it is SENT and has its server id. */
    record MessageSent(NamedMessage message) implements MessengerEvent {}

    /**
     * The server refused a queued message for good; it is FAILED (retry with
     * {@link Messenger#retry}). {@code reason.getMessage()} says why, in the session's language.
     */
    record MessageFailed(NamedMessage message, MagpieClientException reason) implements MessengerEvent {}

    /** Receipts, a recall or a read mark changed messages of this conversation: re-read it. */
    record ConversationChanged(PeerRef peer) implements MessengerEvent {}

    /**
     * Someone received or read messages of a conversation ({@code reader} is this account when
     * another of its devices read them).
     *
     * @param upToMessageId every message up to this server id
     */
    record ReceiptReceived(ChatRef chat, UserRef reader, ReceiptKind kind, long upToMessageId, long seq,
                           long timeMs) implements InboxNotice {}

    /** {@code recalledBy} recalled message {@code messageId} of {@code chat}; its text is gone. */
    record MessageRecalled(ChatRef chat, UserRef recalledBy, long messageId, long seq, long timeMs)
            implements InboxNotice {}

    /** A friend is typing to this account (not stored; shown for a few seconds). */
    record Typing(UserRef user) implements MessengerEvent {}

    // ------------------------------------------------------------------------------ people

    /** Someone asks this account to be friends ({@code request.incoming()} is true, PENDING). */
    record FriendRequestReceived(FriendRequestRecord request, long seq, long timeMs) implements InboxNotice {}

    /** This account asked someone to be friends, from this device or another ({@code incoming()} false). */
    record FriendRequestSent(FriendRequestRecord request, long seq, long timeMs) implements InboxNotice {}

    /**
     * A friend request was accepted, rejected, cancelled or expired ({@code request.state()} says
     * which). {@code request.incoming()} tells whether it was a request to this account; for a
     * request this account sent, this is how it learns the answer.
     */
    record FriendRequestAnswered(FriendRequestRecord request, long seq, long timeMs) implements InboxNotice {}

    /** {@code user} is no longer a friend (either side removed the friendship). */
    record FriendRemoved(UserRef user, long seq, long timeMs) implements InboxNotice {}

    /**
     * The friend list changed (a friend added, removed, renamed, moved; this or another device):
     * the cache already holds the new list.
     *
     * @param friends the whole new list
     */
    record FriendsChanged(List<ContactRecord> friends) implements MessengerEvent {
        public FriendsChanged {
            friends = List.copyOf(friends);
        }
    }

    /** A friend's presence changed (already in the contacts cache). */
    record PresenceChanged(UserRef user, Presence presence, long timeMs) implements MessengerEvent {}

    /** A friend (or this account, from another device) changed nickname, signature or avatar. */
    record ProfileChanged(UserProfile profile) implements MessengerEvent {}

    // ------------------------------------------------------------------------------ groups

    /**
     * Something happened in a group: see {@link GroupNoticeKind} for what {@code actor} and
     * {@code subject} mean with each kind. An {@link GroupNoticeKind#INVITED} notice is also listed
     * by {@link GroupChats#invitations()} until answered, a {@link GroupNoticeKind#JOIN_REQUESTED}
     * one by {@link GroupChats#joinRequests()}.
     *
     * @param actor who did it, or null when the server did not say
     * @param subject whom it concerns, or null
     * @param text free text that goes with it (a join request's note), {@code ""} for none
     */
    record GroupNotice(GroupNoticeKind kind, GroupRef group, UserRef actor, UserRef subject, String text,
                       long seq, long timeMs) implements InboxNotice {
        public GroupNotice {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(group, "group");
            text = Objects.requireNonNullElse(text, "");
        }
    }

    /**
     * A member of a group whose member list this account watches ({@link GroupChats#watchMembers})
     * changed presence.
     */
    record MemberPresenceChanged(GroupRef group, UserRef user, Presence presence, int onlineCount)
            implements MessengerEvent {}

    // ------------------------------------------------------------------------------- files

    /**
     * A file offered to or answered by this account, or a transfer of {@link Messenger#files()}
     * moving on. Offers and answers come from the inbox (pushed, or synced after being offline);
     * progress, completion and failure from the transfers this messenger runs.
     */
    sealed interface FileEvent extends MessengerEvent {
        /** The server's id of the file. */
        long fileId();
    }

    /**
     * Someone offered this account a file, to it or to one of its groups ({@code chat}); the file is
     * complete on the server (or, offered over a direct channel, on the sender's disk, with
     * {@code seq} 0): accept or decline it with {@link Messenger#files()}.
     */
    record FileOffered(FileOffer offer, UserRef sender, ChatRef chat, long seq, long timeMs)
            implements InboxNotice, FileEvent {
        public FileOffered {
            Objects.requireNonNull(offer, "offer");
        }

        @Override
        public long fileId() {
            return offer.fileId();
        }
    }

    /** {@code recipient} accepted or declined the file {@code name} this account sent. */
    record FileAnswered(long fileId, String name, UserRef recipient, boolean accepted, long seq, long timeMs)
            implements InboxNotice, FileEvent {}

    /**
     * A transfer moved on.
     *
     * @param transport the {@link im.magpie.client.files.FileTransport#name()} carrying it ("relay" or "direct")
     */
    record FileProgress(long fileId, FileDirection direction, long bytesDone, long totalBytes, String transport)
            implements FileEvent {}

    /**
     * A transfer finished: an upload the recipients can now fetch ({@code file} is the source), or a
     * download checked against its SHA-256 and saved at {@code file}.
     */
    record FileCompleted(long fileId, FileDirection direction, Path file) implements FileEvent {}

    /**
     * A transfer stopped. {@code reason} is a {@link MagpieClientException} (the server refused, or
     * the connection was lost: try again, it resumes), a
     * {@link im.magpie.client.files.FileIntegrityException} (the bytes did not match the SHA-256) or
     * an {@code IOException}'s unchecked wrapper (local disk). {@code fileId} is 0 when the offer
     * was never made.
     */
    record FileFailed(long fileId, FileDirection direction, RuntimeException reason) implements FileEvent {}
}

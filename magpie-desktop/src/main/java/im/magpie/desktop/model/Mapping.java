package im.magpie.desktop.model;

import im.magpie.client.files.FileOffer;
import im.magpie.client.files.FileState;

import im.magpie.client.FriendRequestRecord;
import im.magpie.client.GroupInvitation;
import im.magpie.client.UserProfile;
import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.ConversationRecord;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.PeerRef;
import im.magpie.client.history.Presence;

/** Library records to the desktop's own: the only place that knows both. */
final class Mapping {
    private Mapping() {}

    static PeerRef peer(ChatKey chat) {
        return chat.isGroup() ? PeerRef.group(chat.id()) : PeerRef.user(chat.id());
    }

    static ChatKey chat(PeerRef peer) {
        return peer.kind() == PeerKind.GROUP ? ChatKey.group(peer.id()) : ChatKey.user(peer.id());
    }

    static PresenceState presence(Presence p) {
        return switch (p) {
            case ONLINE -> PresenceState.ONLINE;
            case AWAY -> PresenceState.AWAY;
            case BUSY -> PresenceState.BUSY;
            case UNKNOWN, OFFLINE, INVISIBLE -> PresenceState.OFFLINE;
        };
    }

    static SelfProfile self(UserProfile p) {
        return new SelfProfile(p.userId(), p.username(), p.nickname(), p.signature(), p.avatarHash());
    }

    /** An incoming friend request waiting for an answer. */
    static Notice notice(FriendRequestRecord r) {
        return new Notice.FriendRequest(r.requestId(), r.from().displayName(), r.note());
    }

    static Notice notice(GroupInvitation i) {
        return new Notice.GroupInvitation(i.group().groupId(), i.group().name(), i.invitedBy().displayName());
    }

    static Contact contact(ContactRecord c) {
        return new Contact(c.userId(), c.username(), c.displayName(), c.signature(), c.avatarHash(),
                presence(c.presence()), c.categoryId(), c.categoryName());
    }

    static ConversationSummary conversation(ConversationRecord c, boolean mentioned) {
        return new ConversationSummary(chat(c.peer()), c.title(), c.lastPreview() == null ? "" : c.lastPreview(),
                c.lastMessageRecalled(), c.lastActivityMs(), c.unreadCount(), mentioned);
    }

    /** An offered file; {@code chat} is where it shows (the group, else the sender's chat, else the recipient's). */
    static FileTransfer file(FileOffer o, ChatKey chat, long selfId, long timeMs) {
        boolean outgoing = o.senderId() == selfId;
        FileTransfer.State state = outgoing ? (o.state() == FileState.READY ? FileTransfer.State.SENT
                : FileTransfer.State.UPLOADING)
                : o.declined() ? FileTransfer.State.DECLINED
                : o.accepted() ? FileTransfer.State.RECEIVED : FileTransfer.State.OFFERED;
        return new FileTransfer((outgoing ? "sent-" : "in-") + Long.toUnsignedString(o.fileId()), o.fileId(), chat,
                o.senderId(), outgoing, o.name(), o.size(), o.isImage(), o.thumbnail(), state, 0, null, null, timeMs);
    }

    static ChatMessage message(MessageRecord m) {
        MessageMark mark = m.recalled() ? MessageMark.RECALLED : switch (m.status()) {
            case SENDING -> MessageMark.SENDING;
            case SENT -> MessageMark.SENT;
            case DELIVERED -> MessageMark.DELIVERED;
            case READ -> MessageMark.READ;
            case FAILED -> MessageMark.FAILED;
            case RECALLED -> MessageMark.RECALLED;
        };
        return new ChatMessage(m.localId(), m.messageId(), m.clientMsgId(), chat(m.peer()), m.senderId(),
                m.outgoing(), m.timeMs(), m.text(), mark, m.mentionsMe());
    }
}

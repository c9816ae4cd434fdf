package im.magpie.client.internal;

import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.GroupRecord;
import im.magpie.client.history.HistoryEvent;
import im.magpie.client.history.IncomingMessage;
import im.magpie.client.history.MemberRole;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.PeerRef;
import im.magpie.client.history.Presence;
import im.magpie.client.history.ReceiptKind;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Content;
import im.magpie.protocol.proto.Friend;
import im.magpie.protocol.proto.FriendList;
import im.magpie.protocol.proto.GroupInfo;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.Peer;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.protocol.proto.Profile;
import im.magpie.protocol.proto.Receipt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts protobuf messages into the store's records. Stateless and thread-safe. The only place
 * in this package that knows the generated protobuf classes.
 *
 * <p>Several conversions need this account's user id ({@code selfUserId}) because the wire shows
 * a message "as sent" while history files it under the conversation seen from this account.
 */
public final class HistoryMappers {

  /** Text stored for a message whose content kind this version does not understand. */
  public static final String UNSUPPORTED_CONTENT_TEXT = "[unsupported message]";

  private HistoryMappers() {}

  /** The peer of a protobuf {@link Peer}; {@link IllegalArgumentException} if it has no kind. */
  public static PeerRef toPeer(Peer peer) {
    return switch (peer.getKindCase()) {
      case USER_ID -> PeerRef.user(peer.getUserId());
      case GROUP_ID -> PeerRef.group(peer.getGroupId());
      case KIND_NOT_SET -> throw new IllegalArgumentException("peer without user or group");
    };
  }

  /**
   * A received (or own, from another device) chat message. The conversation is the group for a
   * group message; for a one-to-one message it is the recipient if this account sent it, else
   * the sender.
   */
  public static IncomingMessage toIncoming(ChatMessage m, long selfUserId) {
    PeerRef to = toPeer(m.getTo());
    boolean outgoing = m.getSenderId() == selfUserId;
    PeerRef conversation = to.kind() == PeerKind.GROUP || outgoing ? to
        : PeerRef.user(m.getSenderId());
    return new IncomingMessage(m.getMessageId(), m.getClientMsgId(), conversation,
        m.getSenderId(), outgoing, m.getTimeMs(), m.getRecalled() ? null : text(m.getContent()),
        m.getContent().getReplyToMessageId(), m.getMentionsMe(), m.getRecalled());
  }

  /** The text of a content; {@link #UNSUPPORTED_CONTENT_TEXT} for other kinds. */
  public static String text(Content content) {
    return switch (content.getKindCase()) {
      case TEXT -> content.getText().getText();
      default -> UNSUPPORTED_CONTENT_TEXT;
    };
  }

  /**
   * The history change an inbox event makes, or empty for events that do not touch history
   * (friend requests, group notices, removed friends): those are covered by the sequence only.
   */
  public static Optional<HistoryEvent> toHistoryEvent(InboxEvent event, long selfUserId) {
    return switch (event.getKindCase()) {
      case MESSAGE -> Optional.of(
          new HistoryEvent.MessageReceived(toIncoming(event.getMessage(), selfUserId)));
      case RECEIPT -> Optional.of(toReceipt(event.getReceipt(), selfUserId));
      case RECALL -> Optional.of(new HistoryEvent.MessageRecalled(event.getRecall().getMessageId()));
      default -> Optional.empty();
    };
  }

  /** The history events of a sync page, in order. */
  public static List<HistoryEvent> toHistoryEvents(List<InboxEvent> events, long selfUserId) {
    List<HistoryEvent> out = new ArrayList<>(events.size());
    for (InboxEvent e : events) {
      toHistoryEvent(e, selfUserId).ifPresent(out::add);
    }
    return out;
  }

  static HistoryEvent.ReceiptReceived toReceipt(Receipt r, long selfUserId) {
    ReceiptKind kind = switch (r.getKind()) {
      case READ -> ReceiptKind.READ;
      default -> ReceiptKind.DELIVERED;
    };
    return new HistoryEvent.ReceiptReceived(toPeer(r.getPeer()), kind, r.getUpToMessageId(),
        r.getReaderId() == selfUserId);
  }

  public static Presence toPresence(PresenceStatus status) {
    return switch (status) {
      case OFFLINE -> Presence.OFFLINE;
      case ONLINE -> Presence.ONLINE;
      case AWAY -> Presence.AWAY;
      case BUSY -> Presence.BUSY;
      case INVISIBLE -> Presence.INVISIBLE;
      default -> Presence.UNKNOWN;
    };
  }

  /** One friend; {@code categoryName} may be {@code ""}. */
  public static ContactRecord toContact(Friend friend, String categoryName) {
    Profile p = friend.getProfile();
    return new ContactRecord(p.getUserId(), p.getUsername(), p.getNickname(), friend.getRemark(),
        p.getAvatarHash(), p.getSignature(), toPresence(p.getPresence()), friend.getCategoryId(),
        categoryName);
  }

  /** The whole friend list, with category names resolved. */
  public static List<ContactRecord> toContacts(FriendList list) {
    Map<Long, String> names = new HashMap<>();
    list.getCategoriesList().forEach(cat -> names.put(cat.getCategoryId(), cat.getName()));
    List<ContactRecord> out = new ArrayList<>(list.getFriendsCount());
    for (Friend f : list.getFriendsList()) {
      out.add(toContact(f, names.getOrDefault(f.getCategoryId(), "")));
    }
    return out;
  }

  public static GroupRecord toGroup(GroupInfo g) {
    MemberRole role = switch (g.getMyRole()) {
      case MEMBER -> MemberRole.MEMBER;
      case ADMIN -> MemberRole.ADMIN;
      case OWNER -> MemberRole.OWNER;
      default -> MemberRole.NONE;
    };
    return new GroupRecord(g.getGroupId(), g.getName(), g.getMemberCount(), role);
  }
}

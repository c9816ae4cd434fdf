package im.magpie.cli.message;

import im.magpie.cli.ClientSession;
import im.magpie.cli.file.FileTexts;
import im.magpie.client.files.FileOffer;
import im.magpie.client.files.internal.FileProtos;
import im.magpie.protocol.proto.ChatMessage;
import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Friend;
import im.magpie.protocol.proto.GetProfileRequest;
import im.magpie.protocol.proto.InboxEvent;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.Peer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the messaging commands share: names for ids, and events as JSON maps and as text. */
final class Chats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ClientSession session;
    private final long selfId;
    private final Map<Long, String> names = new HashMap<>();
    private final FileTexts files;

    Chats(ClientSession session) {
        this(session, FileTexts.of(java.util.Locale.ROOT));
    }

    Chats(ClientSession session, FileTexts files) {
        this.session = session;
        this.files = files;
        LoginOk ok = session.client().session().orElseThrow();
        this.selfId = ok.getSelf().getUserId();
        names.put(selfId, ok.getSelf().getUsername());
        for (Friend f : ok.getFriends().getFriendsList()) names.put(f.getProfile().getUserId(), f.getProfile().getUsername());
    }

    long selfId() {
        return selfId;
    }

    /** The user id of {@code username} (a friend from the login, else asked from the server). */
    long userId(String username) {
        for (Map.Entry<Long, String> e : names.entrySet()) {
            if (e.getValue().equalsIgnoreCase(username)) return e.getKey();
        }
        Frame f = ClientSession.join(session.client().request(Frame.newBuilder()
                .setGetProfile(GetProfileRequest.newBuilder().setUsername(username)), Frame.BodyCase.PROFILE));
        names.put(f.getProfile().getUserId(), f.getProfile().getUsername());
        return f.getProfile().getUserId();
    }

    String name(long userId) {
        return names.getOrDefault(userId, "#" + userId);
    }

    String peerName(Peer peer) {
        return peer.hasGroupId() ? "group " + peer.getGroupId() : name(peer.getUserId());
    }

    static String time(long ms) {
        return TIME.format(Instant.ofEpochMilli(ms));
    }

    Map<String, Object> messageJson(ChatMessage m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("messageId", m.getMessageId());
        json.put("clientMsgId", m.getClientMsgId());
        json.put("from", m.getSenderId());
        json.put("fromName", name(m.getSenderId()));
        if (m.getTo().hasGroupId()) {
            json.put("toGroup", m.getTo().getGroupId());
        } else {
            json.put("to", m.getTo().getUserId());
            json.put("toName", name(m.getTo().getUserId()));
        }
        json.put("timeMs", m.getTimeMs());
        json.put("text", m.getContent().getText().getText());
        json.put("recalled", m.getRecalled());
        if (m.getMentionsMe()) json.put("mentionsMe", true);
        return json;
    }

    String messageText(ChatMessage m) {
        String body = m.getRecalled() ? "(recalled)" : m.getContent().getText().getText();
        return time(m.getTimeMs()) + " " + name(m.getSenderId()) + " → " + peerName(m.getTo()) + ": " + body
                + "  [" + m.getMessageId() + "]";
    }

    Map<String, Object> eventJson(InboxEvent e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", e.getSeq());
        json.put("timeMs", e.getTimeMs());
        switch (e.getKindCase()) {
            case MESSAGE -> {
                json.put("type", "message");
                json.putAll(messageJson(e.getMessage()));
            }
            case RECEIPT -> {
                json.put("type", "receipt");
                json.put("kind", e.getReceipt().getKind().name());
                json.put("reader", e.getReceipt().getReaderId());
                json.put("readerName", name(e.getReceipt().getReaderId()));
                json.put("upToMessageId", e.getReceipt().getUpToMessageId());
            }
            case RECALL -> {
                json.put("type", "recall");
                json.put("messageId", e.getRecall().getMessageId());
                json.put("recalledBy", e.getRecall().getRecalledBy());
            }
            case FILE_OFFERED -> {
                json.put("type", "file_offered");
                json.putAll(FileTexts.json(FileProtos.offer(e.getFileOffered().getFile())));
                json.put("senderName", name(e.getFileOffered().getFile().getSenderId()));
            }
            case FILE_ANSWERED -> {
                json.put("type", "file_answered");
                json.put("fileId", e.getFileAnswered().getFileId());
                json.put("name", e.getFileAnswered().getName());
                json.put("by", e.getFileAnswered().getUserId());
                json.put("byName", name(e.getFileAnswered().getUserId()));
                json.put("accepted", e.getFileAnswered().getAccepted());
            }
            default -> json.put("type", e.getKindCase().name().toLowerCase(java.util.Locale.ROOT));
        }
        return json;
    }

    String eventText(InboxEvent e) {
        String prefix = "#" + e.getSeq() + " ";
        return switch (e.getKindCase()) {
            case MESSAGE -> prefix + messageText(e.getMessage());
            case RECEIPT -> prefix + time(e.getTimeMs()) + " " + name(e.getReceipt().getReaderId()) + " "
                    + (e.getReceipt().getKind().name().equals("READ") ? "read" : "received")
                    + " up to [" + e.getReceipt().getUpToMessageId() + "]";
            case RECALL -> prefix + time(e.getTimeMs()) + " " + name(e.getRecall().getRecalledBy())
                    + " recalled [" + e.getRecall().getMessageId() + "]";
            case FILE_OFFERED -> fileOfferText(e);
            case FILE_ANSWERED -> files.get(e.getFileAnswered().getAccepted() ? "file.answered.yes" : "file.answered.no",
                    String.valueOf(e.getSeq()), time(e.getTimeMs()), name(e.getFileAnswered().getUserId()), e.getFileAnswered().getName());
            default -> prefix + time(e.getTimeMs()) + " " + e.getKindCase().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private String fileOfferText(InboxEvent e) {
        FileOffer f = FileProtos.offer(e.getFileOffered().getFile());
        String id = Long.toUnsignedString(f.fileId());
        String line = files.get("file.offer", String.valueOf(e.getSeq()), time(e.getTimeMs()), name(f.senderId()), f.name(),
                FileTexts.size(f.size()), f.mimeType(), id);
        return f.hasThumbnail() ? line + files.get("file.offer.thumbnail", String.valueOf(f.thumbnail().length)) : line;
    }
}

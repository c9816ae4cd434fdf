package im.magpie.cli.message;

import im.magpie.cli.Messages;
import im.magpie.cli.file.FileTexts;
import im.magpie.client.files.FileOffer;
import im.magpie.client.ChatRef;
import im.magpie.client.FriendRequestRecord;
import im.magpie.client.MessengerEvent;
import im.magpie.client.NamedMessage;
import im.magpie.client.UserRef;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.PeerKind;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every event a person should see, whole: as one JSON object (stable field names, documented in
 * docs/cli.md) and as one line of text in the user's language. Events that are bookkeeping
 * (state, sync, conversation changed, friend list replaced) give nothing.
 */
public final class EventFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** One printable event. */
    public record Printed(Map<String, Object> json, String text) {}

    private final Messages text;
    private final FileTexts files;

    public EventFormat(Messages text) {
        this.text = text;
        this.files = FileTexts.of(text.locale());
    }

    static String time(long ms) {
        return TIME.format(Instant.ofEpochMilli(ms));
    }

    /** What to print for {@code event}, one entry per message for a batch; empty for bookkeeping. */
    public List<Printed> format(MessengerEvent event) {
        List<Printed> out = new ArrayList<>();
        if (event instanceof MessengerEvent.MessagesReceived received) {
            received.messages().forEach(m -> out.add(message(m)));
        } else if (event instanceof MessengerEvent.MessageSent sent) {
            Map<String, Object> json = messageJson("message_sent", sent.message());
            out.add(new Printed(json, text.get("event.sent", sent.message().chat().title(),
                    String.valueOf(sent.message().messageId()), sent.message().text())));
        } else if (event instanceof MessengerEvent.MessageFailed failed) {
            Map<String, Object> json = messageJson("message_failed", failed.message());
            json.put("reason", failed.reason().errorReason().name());
            json.put("reasonText", failed.reason().getMessage());
            out.add(new Printed(json, text.get("event.failed", failed.message().chat().title(),
                    failed.message().text(), failed.reason().getMessage())));
        } else if (event instanceof MessengerEvent.InboxNotice notice) {
            out.add(notice(notice));
        } else if (event instanceof MessengerEvent.PresenceChanged p) {
            Map<String, Object> json = typed("presence");
            person(json, "user", p.user());
            json.put("presence", p.presence().name());
            json.put("timeMs", p.timeMs());
            out.add(new Printed(json, text.get("event.presence", p.user().displayName(), presence(p.presence().name()))));
        } else if (event instanceof MessengerEvent.ProfileChanged p) {
            Map<String, Object> json = typed("profile");
            json.put("user", p.profile().userId());
            json.put("username", p.profile().username());
            json.put("nickname", p.profile().nickname());
            json.put("signature", p.profile().signature());
            json.put("avatarHash", p.profile().avatarHash());
            out.add(new Printed(json, text.get("event.profile", p.profile().username(), p.profile().nickname(),
                    p.profile().signature())));
        } else if (event instanceof MessengerEvent.Typing t) {
            Map<String, Object> json = typed("typing");
            person(json, "user", t.user());
            out.add(new Printed(json, text.get("event.typing", t.user().displayName())));
        } else if (event instanceof MessengerEvent.MemberPresenceChanged m) {
            Map<String, Object> json = typed("member_presence");
            json.put("groupId", m.group().groupId());
            json.put("group", m.group().name());
            person(json, "user", m.user());
            json.put("presence", m.presence().name());
            json.put("onlineCount", m.onlineCount());
            out.add(new Printed(json, text.get("event.member-presence", m.group().name(), m.user().displayName(),
                    presence(m.presence().name()), String.valueOf(m.onlineCount()))));
        } else if (event instanceof MessengerEvent.ServerGoingAway g) {
            Map<String, Object> json = typed("going_away");
            json.put("reason", g.reason());
            json.put("reconnect", g.reconnect());
            out.add(new Printed(json, text.get("event.going-away", g.reason())));
        }
        return out;
    }

    private Printed message(NamedMessage m) {
        Map<String, Object> json = messageJson("message", m);
        MessageRecord r = m.record();
        String body = r.recalled() ? text.get("message.recalled") : m.text();
        // "sender → where": a group's name, the friend for one's own messages, "you" for a friend's
        String where = r.peer().kind() == PeerKind.GROUP || r.outgoing() ? m.chat().title() : text.get("event.to-you");
        return new Printed(json, text.get("event.message", time(m.timeMs()), m.sender().displayName(),
                where, body, String.valueOf(m.messageId())));
    }

    private Map<String, Object> messageJson(String type, NamedMessage m) {
        Map<String, Object> json = typed(type);
        MessageRecord r = m.record();
        json.put("messageId", r.messageId());
        json.put("clientMsgId", r.clientMsgId());
        json.put("localId", r.localId());
        json.put("conversation", r.peer().toString());
        json.put("chat", m.chat().title());
        person(json, "from", m.sender());
        if (r.peer().kind() == PeerKind.GROUP) {
            json.put("toGroup", r.peer().id());
            json.put("toGroupName", m.chat().title());
        } else if (r.outgoing()) {
            json.put("to", r.peer().id());
            json.put("toName", m.chat().title());
        }
        json.put("outgoing", r.outgoing());
        json.put("timeMs", r.timeMs());
        json.put("text", r.text());
        json.put("recalled", r.recalled());
        json.put("mentionsMe", r.mentionsMe());
        json.put("status", r.status().name());
        return json;
    }

    private Printed notice(MessengerEvent.InboxNotice n) {
        String prefix = "#" + n.seq() + " " + time(n.timeMs()) + " ";
        if (n instanceof MessengerEvent.ReceiptReceived r) {
            Map<String, Object> json = inbox("receipt", n);
            json.put("kind", r.kind().name());
            person(json, "reader", r.reader());
            chat(json, r.chat());
            json.put("upToMessageId", r.upToMessageId());
            String key = r.kind().name().equals("READ") ? "event.receipt.read" : "event.receipt.delivered";
            return new Printed(json, prefix + text.get(key, r.reader().displayName(), r.chat().title(),
                    String.valueOf(r.upToMessageId())));
        }
        if (n instanceof MessengerEvent.MessageRecalled r) {
            Map<String, Object> json = inbox("recall", n);
            json.put("messageId", r.messageId());
            person(json, "recalledBy", r.recalledBy());
            chat(json, r.chat());
            return new Printed(json, prefix + text.get("event.recall", r.recalledBy().displayName(),
                    String.valueOf(r.messageId()), r.chat().title()));
        }
        if (n instanceof MessengerEvent.FriendRequestReceived r) {
            return friendRequest(n, r.request(), prefix, "event.friend-request.received");
        }
        if (n instanceof MessengerEvent.FriendRequestSent r) {
            return friendRequest(n, r.request(), prefix, "event.friend-request.sent");
        }
        if (n instanceof MessengerEvent.FriendRequestAnswered r) {
            String key = "event.friend-request." + (r.request().incoming() ? "by-you." : "by-them.")
                    + r.request().state().name().toLowerCase(Locale.ROOT);
            return friendRequest(n, r.request(), prefix, key);
        }
        if (n instanceof MessengerEvent.FriendRemoved r) {
            Map<String, Object> json = inbox("friend_removed", n);
            person(json, "user", r.user());
            return new Printed(json, prefix + text.get("event.friend-removed", r.user().displayName()));
        }
        if (n instanceof MessengerEvent.FileOffered f) {
            return fileOffered(f);
        }
        if (n instanceof MessengerEvent.FileAnswered a) {
            Map<String, Object> json = inbox("file_answered", n);
            json.put("fileId", a.fileId());
            json.put("name", a.name());
            person(json, "by", a.recipient());
            json.put("accepted", a.accepted());
            return new Printed(json, files.get(a.accepted() ? "file.answered.yes" : "file.answered.no",
                    String.valueOf(n.seq()), time(n.timeMs()), a.recipient().displayName(), a.name()));
        }
        MessengerEvent.GroupNotice g = (MessengerEvent.GroupNotice) n;
        Map<String, Object> json = inbox("group_notice", n);
        json.put("kind", g.kind().name());
        json.put("groupId", g.group().groupId());
        json.put("group", g.group().name());
        if (g.actor() != null) person(json, "actor", g.actor());
        if (g.subject() != null) person(json, "subject", g.subject());
        json.put("text", g.text());
        String key = "event.group." + g.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new Printed(json, prefix + text.get(key, g.group().name(), String.valueOf(g.group().groupId()),
                g.actor() == null ? "?" : g.actor().displayName(), g.subject() == null ? "?" : g.subject().displayName(),
                g.text(), g.kind().name().toLowerCase(Locale.ROOT)));
    }

    /** A file offer: its JSON (see docs/cli.md) and a line that says how to accept or decline it. */
    private Printed fileOffered(MessengerEvent.FileOffered o) {
        FileOffer f = o.offer();
        Map<String, Object> json = inbox("file_offered", o);
        json.putAll(FileTexts.json(f));
        person(json, "sender", o.sender());
        chat(json, o.chat());
        String id = Long.toUnsignedString(f.fileId());
        String line = files.get("file.offer", String.valueOf(o.seq()), time(o.timeMs()), o.sender().displayName(),
                f.name(), FileTexts.size(f.size()), f.mimeType(), id);
        return new Printed(json, f.hasThumbnail() ? line + files.get("file.offer.thumbnail", String.valueOf(f.thumbnail().length)) : line);
    }

    private Printed friendRequest(MessengerEvent.InboxNotice n, FriendRequestRecord r, String prefix, String key) {
        Map<String, Object> json = inbox("friend_request", n);
        json.put("requestId", r.requestId());
        json.put("state", r.state().name());
        json.put("incoming", r.incoming());
        person(json, "from", r.from());
        person(json, "to", r.to());
        json.put("note", r.note());
        json.put("expiresMs", r.expiresMs());
        String note = r.note().isEmpty() ? "" : " \u201c" + r.note().replace('\n', ' ') + '\u201d';
        return new Printed(json, prefix + text.get(key, r.other().displayName(), String.valueOf(r.requestId()),
                note, r.other().username().isEmpty() ? String.valueOf(r.other().userId()) : r.other().username()));
    }

    private static Map<String, Object> typed(String type) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        return json;
    }

    private static Map<String, Object> inbox(String type, MessengerEvent.InboxNotice n) {
        Map<String, Object> json = typed(type);
        json.put("seq", n.seq());
        json.put("timeMs", n.timeMs());
        return json;
    }

    /** {@code key}: the id; {@code keyName}: the display name; {@code keyUsername}: the username. */
    private static void person(Map<String, Object> json, String key, UserRef u) {
        json.put(key, u.userId());
        json.put(key + "Name", u.displayName());
        json.put(key + "Username", u.username());
    }

    private static void chat(Map<String, Object> json, ChatRef c) {
        json.put("conversation", c.peer().toString());
        json.put("chat", c.title());
    }

    private String presence(String name) {
        return text.get("presence." + name.toLowerCase(Locale.ROOT));
    }
}

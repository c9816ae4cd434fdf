package im.magpie.cli.chat;

import static im.magpie.cli.chat.TerminalStyles.bold;
import static im.magpie.cli.chat.TerminalStyles.faint;

import im.magpie.cli.Messages;
import im.magpie.cli.message.EventFormat;
import im.magpie.client.CertificateChangedException;
import im.magpie.client.ErrorReason;
import im.magpie.client.FriendRequestRecord;
import im.magpie.client.FriendRequests;
import im.magpie.client.NamedMessage;
import im.magpie.client.history.Presence;
import java.util.function.Supplier;
import im.magpie.client.MagpieClientException;
import im.magpie.client.Messenger;
import im.magpie.client.MessengerEvent;
import im.magpie.client.SessionState;
import im.magpie.client.history.ContactRecord;
import im.magpie.client.history.ConversationRecord;
import im.magpie.client.history.GroupRecord;
import im.magpie.client.history.MessagePage;
import im.magpie.client.history.MessageRecord;
import im.magpie.client.history.MessageStatus;
import im.magpie.client.history.PeerKind;
import im.magpie.client.history.HistoryStoreException;
import im.magpie.client.history.PeerRef;
import im.magpie.client.history.SearchHit;
import im.magpie.client.history.SearchQuery;
import im.magpie.client.p2p.ConversationPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The line-mode terminal client: a prompt for the open conversation, slash commands, and events
 * printed above the line being typed ({@link LineReader#printAbove}), so incoming messages never
 * break what the user is writing. Everything goes through the {@link Messenger}; nothing here
 * speaks the protocol. Events are printed whole by {@link EventFormat}, as by {@code receive}.
 *
 * <p>Threads: {@link #run()} owns the reader on the calling thread; {@link #onEvent} is called on
 * the messenger's event thread and only prints (printAbove is thread-safe) and marks read.
 */
final class ChatSession {
    static final int RECENT = 20;
    private static final Duration REQUEST_WAIT = Duration.ofSeconds(15);

    private final Supplier<Messenger> messengers;
    private final LineReader reader;
    private final Messages text;
    private final EventFormat format;
    private final boolean colour;
    private final String selfName;
    private volatile Messenger messenger;
    private volatile PeerRef open;
    private volatile boolean quit;
    /** The presence this account chose with /status (ONLINE until then). */
    private volatile Presence chosen = Presence.ONLINE;

    /** {@code messengers} makes a started messenger (listening to {@link #onEvent}); called again by /reconnect. */
    ChatSession(Supplier<Messenger> messengers, LineReader reader, Messages text, boolean colour, String selfName) {
        this.messengers = messengers;
        this.reader = reader;
        this.text = text;
        this.format = new EventFormat(text);
        this.colour = colour;
        this.selfName = selfName;
    }

    /** Starts the first messenger; the caller closes {@link #messenger()} at the end. */
    ChatSession start() {
        messenger = messengers.get();
        return this;
    }

    Messenger messenger() {
        return messenger;
    }

    /** Reads and runs lines until /quit or end of input. */
    void run() {
        say(text.get("chat.welcome", selfName, messenger.server()));
        listConversations();
        while (!quit) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue; // Ctrl-C clears the line; /quit or Ctrl-D leaves
            } catch (EndOfFileException e) {
                break;
            }
            try {
                handle(line.strip());
            } catch (RuntimeException e) {
                error(describe(e));
            }
        }
    }

    private String prompt() {
        PeerRef peer = open;
        if (peer == null) {
            return "> ";
        }
        if (peer.kind() != PeerKind.USER) {
            return "[" + name(peer) + "] > ";
        }
        boolean direct = messenger.path(peer) == ConversationPath.DIRECT;
        return "[" + name(peer) + " · " + text.get(direct ? "chat.path.direct" : "chat.path.server") + "] > ";
    }

    void handle(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (!line.startsWith("/")) {
            send(line);
            return;
        }
        String[] parts = line.split("\\s+", 2);
        String arg = parts.length > 1 ? parts[1].strip() : "";
        switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "/help", "/?" -> say(text.get("chat.help"));
            case "/quit", "/exit", "/q" -> quit = true;
            case "/list", "/ls" -> listConversations();
            case "/open", "/o" -> openUser(arg);
            case "/friends" -> friends();
            case "/add" -> addFriend(arg);
            case "/requests" -> requests();
            case "/accept" -> answer(arg, true);
            case "/reject" -> answer(arg, false);
            case "/group", "/groups" -> group(arg);
            case "/history" -> history(arg);
            case "/search" -> search(arg);
            case "/status" -> status(arg);
            case "/reconnect" -> reconnect();
            default -> error(text.get("chat.unknown-command", parts[0]));
        }
    }

    // ------------------------------------------------------------------------------ commands

    private void send(String line) {
        PeerRef peer = open;
        if (peer == null) {
            error(text.get("chat.no-conversation"));
            return;
        }
        messenger.send(peer, line);
        if (messenger.state() != SessionState.ONLINE) {
            say(text.get("chat.queued"));
        }
    }

    private void listConversations() {
        List<ConversationRecord> list = messenger.conversations().list(50);
        if (list.isEmpty()) {
            say(text.get("chat.no-conversations"));
            return;
        }
        say(text.get("chat.conversations"));
        for (ConversationRecord c : list) {
            AttributedStringBuilder b = new AttributedStringBuilder().append("  ");
            b.styled(bold(), name(c.peer()));
            if (c.unreadCount() > 0) {
                b.append(" ").styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold(),
                        "(" + c.unreadCount() + ")");
            }
            if (c.lastPreview() != null) {
                b.append("  ").styled(faint(), c.lastPreview());
            }
            print(b.toAttributedString());
        }
    }

    private void openUser(String who) {
        if (who.isEmpty()) {
            error(text.get("chat.usage.open"));
            return;
        }
        PeerRef peer = resolveUser(who);
        open(peer);
    }

    private void open(PeerRef peer) {
        open = peer;
        MessagePage page = messenger.conversations().open(peer, RECENT);
        say(text.get("chat.opened", name(peer)));
        List<MessageRecord> oldestFirst = new ArrayList<>(page.messages());
        Collections.reverse(oldestFirst);
        oldestFirst.forEach(this::showMessage);
        messenger.markRead(peer);
        if (peer.kind() == PeerKind.USER) {
            messenger.openDirect(peer); // an active conversation goes direct when it can; PathChanged tells
        }
        reader.setVariable(LineReader.DISABLE_HISTORY, false);
    }

    private void friends() {
        List<ContactRecord> friends;
        try {
            friends = await(messenger.addressBook().refreshFriends());
        } catch (MagpieClientException e) {
            friends = messenger.addressBook().friends();
            say(text.get("chat.cached", describe(e)));
        }
        if (friends.isEmpty()) {
            say(text.get("chat.no-friends"));
        }
        for (ContactRecord f : friends) {
            AttributedStringBuilder b = new AttributedStringBuilder().append("  ");
            b.styled(bold(), f.username());
            if (!f.displayName().equals(f.username())) {
                b.append(" (").append(f.displayName()).append(")");
            }
            b.append("  ").styled(TerminalStyles.presence(f.presence().name()), f.presence().name().toLowerCase(Locale.ROOT));
            print(b.toAttributedString());
        }
    }

    private void addFriend(String arg) {
        if (arg.isEmpty()) {
            error(text.get("chat.usage.add"));
            return;
        }
        String[] parts = arg.split("\\s+", 2);
        String note = parts.length > 1 ? parts[1] : "";
        FriendRequestRecord sent = await(parts[0].matches("\\d{1,18}")
                ? messenger.social().sendFriendRequest(Long.parseLong(parts[0]), note)
                : messenger.social().sendFriendRequest(parts[0].toLowerCase(Locale.ROOT), note));
        say(text.get(sent.state() == FriendRequestRecord.State.ACCEPTED ? "chat.request-accepted" : "chat.request-sent",
                sent.to().displayName(), String.valueOf(sent.requestId())));
    }

    private void requests() {
        FriendRequests list = await(messenger.social().friendRequests());
        if (list.incoming().isEmpty() && list.outgoing().isEmpty()) {
            say(text.get("chat.no-requests"));
        }
        for (FriendRequestRecord r : list.incoming()) {
            say(text.get("chat.request-in", String.valueOf(r.requestId()), r.from().displayName(), r.note()));
        }
        for (FriendRequestRecord r : list.outgoing()) {
            say(text.get("chat.request-out", String.valueOf(r.requestId()), r.to().displayName(), r.note()));
        }
    }

    private void answer(String arg, boolean accept) {
        if (!arg.matches("\\d{1,18}")) {
            error(text.get(accept ? "chat.usage.accept" : "chat.usage.reject"));
            return;
        }
        long id = Long.parseLong(arg);
        await(messenger.social().answerFriendRequest(id, accept));
        say(text.get(accept ? "chat.accepted" : "chat.rejected", arg));
    }

    private void group(String arg) {
        List<GroupRecord> groups;
        try {
            groups = await(messenger.addressBook().refreshGroups());
        } catch (MagpieClientException e) {
            groups = messenger.addressBook().groups(); // member groups only, as online
            if (arg.isEmpty()) {
                say(text.get("chat.cached", describe(e)));
            }
        }
        if (!arg.isEmpty()) {
            for (GroupRecord g : groups) {
                if (g.name().equalsIgnoreCase(arg) || Long.toString(g.groupId()).equals(arg)) {
                    open(PeerRef.group(g.groupId()));
                    return;
                }
            }
            if (arg.matches("\\d{1,18}")) {
                open(PeerRef.group(Long.parseLong(arg)));
                return;
            }
            error(text.get("chat.unknown-group", arg));
            return;
        }
        if (groups.isEmpty()) {
            say(text.get("chat.no-groups"));
        }
        for (GroupRecord g : groups) {
            print(new AttributedStringBuilder().append("  ").styled(bold(), "#" + g.name())
                    .append("  id " + g.groupId() + ", " + g.memberCount() + " ").append(text.get("chat.members"))
                    .toAttributedString());
        }
    }

    private void history(String arg) {
        PeerRef peer = open;
        if (peer == null) {
            error(text.get("chat.no-conversation"));
            return;
        }
        int n = arg.matches("\\d{1,3}") ? Math.max(1, Math.min(200, Integer.parseInt(arg))) : 50;
        MessagePage page;
        try {
            page = await(messenger.conversations().older(peer, 0, n));
        } catch (MagpieClientException e) {
            say(text.get("history.server-refused", describe(e)));
            page = messenger.history().latestMessages(peer, n);
        }
        List<MessageRecord> oldestFirst = new ArrayList<>(page.messages());
        Collections.reverse(oldestFirst);
        oldestFirst.forEach(this::showMessage);
    }

    private void search(String arg) {
        if (arg.isEmpty()) {
            error(text.get("chat.usage.search"));
            return;
        }
        List<SearchHit> hits = messenger.conversations().search(new SearchQuery(arg, null, 30, TerminalStyles.MATCH_START, TerminalStyles.MATCH_END));
        if (hits.isEmpty()) {
            say(text.get("search.none", arg));
        }
        for (SearchHit hit : hits) {
            AttributedStringBuilder b = new AttributedStringBuilder();
            b.styled(faint(), Formats.time(hit.message().timeMs()) + "  ");
            b.styled(bold(), name(hit.message().peer())).append("  ")
                    .append(senderName(hit.message())).append(": ");
            TerminalStyles.appendHighlighted(b, hit.snippet(), colour);
            print(b.toAttributedString());
        }
    }

    private void status(String arg) {
        if (!arg.isEmpty()) {
            Presence status;
            try {
                status = Presence.valueOf(arg.toUpperCase(Locale.ROOT));
                if (status == Presence.OFFLINE || status == Presence.UNKNOWN) throw new IllegalArgumentException(arg);
            } catch (IllegalArgumentException e) {
                error(text.get("chat.usage.status"));
                return;
            }
            await(messenger.account().setStatus(status));
            chosen = status;
        }
        int queued = messenger.history().outbox().pending().size();
        say(text.get("chat.status", selfName, messenger.server(), stateName(messenger.state()), queued,
                text.get("presence." + chosen.name().toLowerCase(Locale.ROOT))));
    }

    /** A new connection attempt with a new messenger: after a changed certificate was trusted, or a refused token. */
    private void reconnect() {
        Messenger old = messenger;
        messenger = messengers.get();
        old.close();
        say(text.get("chat.reconnecting-now", messenger.server()));
    }

    // ------------------------------------------------------------------------------ events

    void onEvent(MessengerEvent event) {
        show(event);
        if (event instanceof MessengerEvent.MessagesReceived || event instanceof MessengerEvent.InboxNotice) {
            try {
                messenger.markSeen(event); // shown here: a later magpie receive does not print it again
            } catch (HistoryStoreException e) {
                error(text.get("error.history", e.getMessage()));
            }
        }
    }

    private void show(MessengerEvent event) {
        if (event instanceof MessengerEvent.MessagesReceived received) {
            boolean readOpen = false;
            for (NamedMessage m : received.messages()) {
                if (m.peer().equals(open)) {
                    showMessage(m.record());
                    readOpen |= !m.outgoing();
                } else if (!m.outgoing()) {
                    print(new AttributedStringBuilder().styled(bold(), "[" + m.chat().title() + "] ")
                            .append(m.sender().displayName()).append(": ").append(bodyOf(m.record())).toAttributedString());
                }
            }
            if (readOpen) {
                messenger.markRead(open);
            }
        } else if (event instanceof MessengerEvent.StateChanged change) {
            stateChanged(change);
        } else if (event instanceof MessengerEvent.MessageFailed failed) {
            error(text.get("chat.send-failed", failed.message().text(), failed.reason().getMessage()));
        } else if (event instanceof MessengerEvent.StoreFailed failed) {
            error(text.get("error.history", failed.error().getMessage()));
        } else if (event instanceof MessengerEvent.FriendRequestReceived r) {
            say(text.get("chat.notice.request", r.request().from().displayName(),
                    String.valueOf(r.request().requestId()), r.request().note()));
        } else if (event instanceof MessengerEvent.PathChanged change) {
            pathChanged(change);
        } else if (event instanceof MessengerEvent.ReceiptReceived || event instanceof MessengerEvent.MessageSent
                || event instanceof MessengerEvent.Typing) {
            return; // the open conversation shows status marks; typing would flood the screen
        } else {
            // friend requests and answers, presence, profiles, group notices, recalls, going away
            format.format(event).forEach(p -> say("* " + p.text()));
        }
    }

    /** A one-to-one conversation went direct or back via the server (the prompt shows the path too). */
    private void pathChanged(MessengerEvent.PathChanged change) {
        boolean direct = change.path() == ConversationPath.DIRECT;
        String who = change.friend().displayName();
        print(new AttributedStringBuilder().styled(faint(), direct
                ? text.get("chat.path.now-direct", who)
                : text.get("chat.path.now-server", who, change.reason())).toAttributedString());
    }

    private void stateChanged(MessengerEvent.StateChanged change) {
        switch (change.state()) {
            case ONLINE -> print(new AttributedStringBuilder()
                    .styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN), text.get("chat.online"))
                    .toAttributedString());
            case RECONNECTING -> print(new AttributedStringBuilder().styled(
                    AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW),
                    text.get("chat.reconnecting", Math.max(1, (change.retryIn().toMillis() + 999) / 1000),
                            change.cause() == null ? "" : change.cause().getMessage())).toAttributedString());
            case OFFLINE -> {
                if (change.cause() != null) {
                    error(text.get("chat.offline", change.cause().getMessage()));
                    error(text.get(change.cause() instanceof CertificateChangedException
                            ? "chat.offline.certificate" : "chat.offline.reconnect"));
                }
            }
            case CONNECTING -> { }
        }
    }

    // ------------------------------------------------------------------------------ output

    private void showMessage(MessageRecord m) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.styled(faint(), Formats.time(m.timeMs()).substring(11) + " ");
        b.styled(m.outgoing() ? AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN)
                : AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA).bold(), senderName(m));
        b.append(": ").append(bodyOf(m));
        if (m.outgoing() && m.status() == MessageStatus.SENDING) {
            b.append(" ").styled(faint(), text.get("message.queued"));
        } else if (m.outgoing() && m.status() == MessageStatus.FAILED) {
            b.append(" ").styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED), text.get("chat.failed"));
        }
        print(b.toAttributedString());
    }

    private String bodyOf(MessageRecord m) {
        return m.recalled() ? text.get("message.recalled") : m.text();
    }

    private String senderName(MessageRecord m) {
        return Peers.userName(messenger, m.senderId());
    }

    private String name(PeerRef peer) {
        return Peers.peerName(messenger, peer);
    }

    private String stateName(SessionState state) {
        return text.get("chat.state." + state.name().toLowerCase(Locale.ROOT));
    }

    private PeerRef resolveUser(String who) {
        return Peers.user(text, messenger, messenger.state() == SessionState.ONLINE, who);
    }

    private void say(String line) {
        print(new AttributedString(line));
    }

    private void error(String line) {
        print(new AttributedStringBuilder().styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED), line)
                .toAttributedString());
    }

    private void print(AttributedString line) {
        if (!colour) {
            line = new AttributedString(line.toString());
        }
        reader.printAbove(line);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(REQUEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new im.magpie.client.MagpieConnectionException("no answer within " + REQUEST_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private String describe(RuntimeException e) {
        if (e instanceof MagpieClientException m && m.errorReason() == ErrorReason.BAD_REQUEST
                && m.getMessage() != null && m.getMessage().toLowerCase(Locale.ROOT).contains("unknown")) {
            return text.get("chat.not-available");
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}

package im.magpie.desktop.view;

import im.magpie.desktop.model.ChatItem;
import im.magpie.desktop.model.ChatMessage;
import im.magpie.desktop.model.ChatViewModel;
import im.magpie.desktop.model.GroupActivity;
import im.magpie.desktop.model.MessageMark;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** A row of the chat: a bubble (own right, others left, with avatar and mark), a day, or a group line. */
final class ChatItemCell extends ListCell<ChatItem> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private final ChatViewModel chat;
    private final I18n i18n;
    private final Avatars avatars;
    private final java.util.function.LongFunction<String> avatarOf;

    ChatItemCell(ChatViewModel chat, I18n i18n, Avatars avatars, java.util.function.LongFunction<String> avatarOf) {
        this.chat = chat;
        this.avatarOf = avatarOf;
        this.i18n = i18n;
        this.avatars = avatars;
        getStyleClass().add("chat-cell");
    }

    @Override
    protected void updateItem(ChatItem item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        setContextMenu(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        if (item instanceof ChatItem.DaySeparator d) {
            setGraphic(centered(day(d.day()), "day-separator"));
        } else if (item instanceof ChatItem.Activity a) {
            setGraphic(centered(activity(a.activity()), "activity-line"));
        } else if (item instanceof ChatItem.Bubble b) {
            setGraphic(bubble(b));
        } else if (item instanceof ChatItem.FileItem f) {
            setGraphic(file(f));
        }
    }

    private HBox centered(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        HBox box = new HBox(l);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private String day(LocalDate d) {
        LocalDate today = LocalDate.now();
        if (d.equals(today)) {
            return i18n.get("chat.today");
        }
        if (d.equals(today.minusDays(1))) {
            return i18n.get("chat.yesterday");
        }
        return d.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(i18n.locale()));
    }

    private String activity(GroupActivity a) {
        return switch (a.kind()) {
            case JOINED -> i18n.get("group.joined", a.subjectName());
            case LEFT -> i18n.get("group.left", a.subjectName());
            case REMOVED -> i18n.get("group.removed", a.subjectName(), a.actorName());
            case DISSOLVED -> i18n.get("group.dissolved", a.actorName());
            case UPDATED -> i18n.get("group.updated", a.actorName());
        };
    }

    private HBox bubble(ChatItem.Bubble b) {
        ChatMessage m = b.message();
        Label text = new Label(m.recalled() ? (m.outgoing() ? i18n.get("chat.youRecalled")
                : i18n.get("chat.recalled", b.senderName())) : m.text());
        text.setWrapText(true);
        text.getStyleClass().addAll("bubble", m.outgoing() ? "bubble-own" : "bubble-other");
        if (m.recalled()) {
            text.getStyleClass().add("bubble-recalled");
        }
        text.setMaxWidth(420);
        text.setMinHeight(Region.USE_PREF_SIZE);

        Label time = new Label(TIME.format(Instant.ofEpochMilli(m.timeMs()).atZone(ZoneId.systemDefault())));
        time.getStyleClass().add("meta");
        HBox meta = new HBox(6, time);
        meta.setAlignment(m.outgoing() ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        if (m.outgoing() && !m.recalled()) {
            Label mark = new Label(markText(m.mark()));
            mark.getStyleClass().addAll("meta", "mark", "mark-" + m.mark().name().toLowerCase());
            mark.setId("mark-" + m.localId());
            meta.getChildren().add(mark);
            if (m.mark() == MessageMark.FAILED) {
                Button retry = new Button(i18n.get("chat.retry"), Icons.of(Feather.REFRESH_CW, 12));
                retry.getStyleClass().addAll("flat", "small", "retry-button");
                retry.setOnAction(e -> chat.retry(m));
                meta.getChildren().add(retry);
            }
        }
        VBox column = new VBox(3);
        if (chat.key().isGroup() && !m.outgoing() && b.showSender()) {
            Label sender = new Label(b.senderName());
            sender.getStyleClass().add("sender-name");
            column.getChildren().add(sender);
        }
        column.getChildren().addAll(text, meta);
        column.setAlignment(m.outgoing() ? Pos.TOP_RIGHT : Pos.TOP_LEFT);

        javafx.scene.Node avatar = b.showSender() ? avatars.of(b.senderName(), chat.avatarOf(m.senderId(), avatarOf), 34) : spacer(34);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox row = m.outgoing() ? new HBox(8, grow, column, avatar) : new HBox(8, avatar, column, grow);
        row.getStyleClass().add(m.outgoing() ? "row-own" : "row-other");
        row.setAlignment(Pos.TOP_LEFT);
        setContextMenu(menu(m));
        return row;
    }

    private HBox file(ChatItem.FileItem item) {
        var f = item.file();
        VBox column = new VBox(3);
        if (chat.key().isGroup() && !f.outgoing() && item.showSender()) {
            Label sender = new Label(item.senderName());
            sender.getStyleClass().add("sender-name");
            column.getChildren().add(sender);
        }
        Label time = new Label(TIME.format(Instant.ofEpochMilli(f.timeMs()).atZone(ZoneId.systemDefault())));
        time.getStyleClass().add("meta");
        column.getChildren().addAll(FileBubble.of(f, chat, i18n), time);
        column.setAlignment(f.outgoing() ? Pos.TOP_RIGHT : Pos.TOP_LEFT);
        javafx.scene.Node avatar = item.showSender()
                ? avatars.of(item.senderName(), chat.avatarOf(f.senderId(), avatarOf), 34) : spacer(34);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox row = f.outgoing() ? new HBox(8, grow, column, avatar) : new HBox(8, avatar, column, grow);
        row.setAlignment(Pos.TOP_LEFT);
        return row;
    }

    private static Region spacer(double size) {
        Region r = new Region();
        r.setMinWidth(size);
        r.setPrefWidth(size);
        return r;
    }

    private String markText(MessageMark mark) {
        return i18n.get("mark." + mark.name().toLowerCase());
    }

    private ContextMenu menu(ChatMessage m) {
        ContextMenu menu = new ContextMenu();
        if (!m.recalled()) {
            MenuItem copy = new MenuItem(i18n.get("chat.copy"), Icons.of(Feather.COPY));
            copy.setOnAction(e -> {
                ClipboardContent c = new ClipboardContent();
                c.putString(m.text());
                Clipboard.getSystemClipboard().setContent(c);
            });
            menu.getItems().add(copy);
        }
        if (m.outgoing() && !m.recalled() && m.messageId() != 0) {
            MenuItem recall = new MenuItem(i18n.get("chat.recall"), Icons.of(Feather.ROTATE_CCW));
            recall.setId("recallItem");
            recall.setOnAction(e -> chat.recall(m));
            menu.getItems().add(recall);
        }
        if (m.mark() == MessageMark.FAILED) {
            MenuItem retry = new MenuItem(i18n.get("chat.retry"));
            retry.setOnAction(e -> chat.retry(m));
            menu.getItems().add(retry);
        }
        return menu.getItems().isEmpty() ? null : menu;
    }
}

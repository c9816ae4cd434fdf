package im.magpie.desktop.view;

import im.magpie.desktop.model.Contact;
import im.magpie.desktop.model.ConversationSummary;
import im.magpie.desktop.model.GroupSummary;
import im.magpie.desktop.model.Notice;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.BiConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The rows of the sidebar's lists: conversations, friends, groups, notices. */
final class SidebarCells {
    private SidebarCells() {}

    static final class ConversationCell extends ListCell<ConversationSummary> {
        private final I18n i18n;
        private final Avatars avatars;
        private final java.util.function.LongFunction<String> avatarOf;

        ConversationCell(I18n i18n, Avatars avatars, java.util.function.LongFunction<String> avatarOf) {
            this.i18n = i18n;
            this.avatars = avatars;
            this.avatarOf = avatarOf;
            setPrefWidth(0); // as wide as the list: a long preview is cut, no sideways scrolling
        }

        @Override
        protected void updateItem(ConversationSummary c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setGraphic(null);
                return;
            }
            Label title = new Label(c.title());
            title.getStyleClass().add("row-title");
            Label time = new Label(when(c.lastActivityMs()));
            time.getStyleClass().add("meta");
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox top = new HBox(title, grow, time);
            Label preview = new Label(c.recalled() ? i18n.get("chat.recalledShort") : c.preview());
            preview.getStyleClass().add("row-sub");
            preview.setMinWidth(0);
            Region grow2 = new Region();
            HBox.setHgrow(grow2, Priority.ALWAYS);
            HBox bottom = new HBox(preview, grow2);
            if (c.mentioned()) {
                Label mention = new Label(i18n.get("conv.mentioned"));
                mention.setId("mention-" + c.chat().kind().name().toLowerCase() + "-" + c.chat().id());
                mention.getStyleClass().add("mention-mark");
                mention.setMinWidth(Region.USE_PREF_SIZE);
                bottom.getChildren().add(0, mention);
            }
            if (c.unread() > 0) {
                Label badge = new Label(c.unread() > 99 ? "99+" : String.valueOf(c.unread()));
                badge.getStyleClass().add("badge");
                badge.setId("badge-" + c.chat().kind().name().toLowerCase() + "-" + c.chat().id());
                bottom.getChildren().add(badge);
            }
            VBox text = new VBox(3, top, bottom);
            HBox.setHgrow(text, Priority.ALWAYS);
            String hash = c.chat().isGroup() ? "" : avatarOf.apply(c.chat().id());
            HBox row = new HBox(10, avatars.of(c.title(), hash, 40), text);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("sidebar-row");
            setGraphic(row);
        }

        private static String when(long ms) {
            ZonedDateTime t = Instant.ofEpochMilli(ms).atZone(ZoneId.systemDefault());
            return t.toLocalDate().equals(LocalDate.now()) ? DateTimeFormatter.ofPattern("HH:mm").format(t)
                    : DateTimeFormatter.ofPattern("MM-dd").format(t);
        }
    }

    static HBox friendRow(Contact c, I18n i18n, Avatars avatars) {
        Label name = new Label(c.displayName());
        name.getStyleClass().add("row-title");
        Label presence = new Label("[" + Texts.presence(i18n, c.presence()) + "]");
        presence.getStyleClass().addAll("meta", "presence-" + c.presence().name().toLowerCase());
        presence.setId("presence-" + c.username());
        Label signature = new Label(c.signature());
        signature.getStyleClass().add("row-sub");
        VBox text = new VBox(2, new HBox(6, name, presence), signature);
        StackPane avatar = new StackPane(avatars.of(c.displayName(), c.avatarHash(), 36));
        if (!c.presence().online()) {
            avatar.getStyleClass().add("avatar-offline");
        }
        HBox row = new HBox(10, avatar, text);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("sidebar-row");
        return row;
    }

    static final class GroupCell extends ListCell<GroupSummary> {
        private final I18n i18n;
        private final Avatars avatars;

        GroupCell(I18n i18n, Avatars avatars) {
            this.i18n = i18n;
            this.avatars = avatars;
        }

        @Override
        protected void updateItem(GroupSummary g, boolean empty) {
            super.updateItem(g, empty);
            if (empty || g == null) {
                setGraphic(null);
                return;
            }
            Label name = new Label(g.name());
            name.getStyleClass().add("row-title");
            Label count = new Label(i18n.get("groups.members", g.memberCount()));
            count.getStyleClass().add("row-sub");
            HBox row = new HBox(10, avatars.of(g.name(), "", 40), new VBox(2, name, count));
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("sidebar-row");
            setGraphic(row);
        }
    }

    static final class NoticeCell extends ListCell<Notice> {
        private final I18n i18n;
        private final BiConsumer<Notice, Boolean> answer;

        NoticeCell(I18n i18n, BiConsumer<Notice, Boolean> answer) {
            this.i18n = i18n;
            this.answer = answer;
        }

        @Override
        protected void updateItem(Notice n, boolean empty) {
            super.updateItem(n, empty);
            if (empty || n == null) {
                setGraphic(null);
                return;
            }
            String text = n instanceof Notice.FriendRequest r ? i18n.get("notice.friendRequest", r.fromName(), r.note())
                    : i18n.get("notice.groupInvitation", ((Notice.GroupInvitation) n).inviterName(),
                    ((Notice.GroupInvitation) n).groupName());
            Label label = new Label(text);
            label.setWrapText(true);
            label.setMaxWidth(200);
            Button accept = new Button(i18n.get("notice.accept"));
            accept.setId("accept-" + n.key().replace(':', '-'));
            accept.getStyleClass().addAll("accent", "small");
            accept.setOnAction(e -> answer.accept(n, true));
            Button reject = new Button(i18n.get("notice.reject"));
            reject.getStyleClass().add("small");
            reject.setOnAction(e -> answer.accept(n, false));
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox row = new HBox(8, label, grow, accept, reject);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("notice-row");
            setGraphic(row);
        }
    }
}

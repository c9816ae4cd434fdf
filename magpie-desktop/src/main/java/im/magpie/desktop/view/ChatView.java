package im.magpie.desktop.view;

import im.magpie.desktop.model.ChatMessage;
import im.magpie.desktop.model.ChatViewModel;
import im.magpie.desktop.model.Member;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * A conversation: header (name, members online), the bubbles, and the input (Enter sends,
 * Shift+Enter is a new line, emoji picker). A group chat shows its members with presence on the
 * right; their context menu offers a private word. Scrolling to the top loads older messages.
 */
public final class ChatView extends BorderPane {
    private final ChatViewModel vm;
    private final I18n i18n;
    private final ListView<im.magpie.desktop.model.ChatItem> list = new ListView<>();
    private final TextArea input = new TextArea();
    private boolean stickToBottom = true;

    public ChatView(ChatViewModel vm, I18n i18n, Avatars avatars, java.util.function.LongFunction<String> avatarOf) {
        this.vm = vm;
        this.i18n = i18n;
        getStyleClass().add("chat-view");

        Label title = new Label();
        title.setId("chatTitle");
        title.getStyleClass().add("chat-title");
        title.textProperty().bind(vm.titleProperty());
        Label online = new Label();
        online.getStyleClass().add("chat-subtitle");
        online.setId("onlineCount");
        if (vm.key().isGroup()) {
            online.textProperty().bind(i18n.text("chat.membersOnline", vm.onlineCountProperty(),
                    Bindings.size(vm.members())));
        }
        TextField search = new TextField();
        search.setId("chatSearch");
        search.promptTextProperty().bind(i18n.text("chat.search"));
        search.getStyleClass().add("chat-search");
        search.textProperty().addListener((o, a, b) -> vm.search(b));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(10, title, online, grow, Icons.of(Feather.SEARCH), search);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("chat-header");
        setTop(header);

        list.setId("messageList");
        list.getStyleClass().add("message-list");
        list.setItems(vm.items());
        list.setCellFactory(l -> new ChatItemCell(vm, i18n, avatars, avatarOf));
        list.setFocusTraversable(false);
        vm.items().addListener((ListChangeListener<im.magpie.desktop.model.ChatItem>) c -> {
            if (stickToBottom && !vm.items().isEmpty()) {
                list.scrollTo(vm.items().size() - 1);
            }
        });
        i18n.bundleProperty().addListener((o, a, b) -> list.refresh());
        list.skinProperty().addListener((o, a, b) -> Platform.runLater(this::watchScrollTop));

        ListView<ChatMessage> hits = new ListView<>(vm.searchHits());
        hits.setId("searchHits");
        hits.getStyleClass().add("search-hits");
        hits.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ChatMessage m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : m.text());
            }
        });
        hits.visibleProperty().bind(Bindings.isNotEmpty(vm.searchHits()));
        hits.managedProperty().bind(hits.visibleProperty());
        hits.setPrefHeight(140);
        VBox center = new VBox(hits, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        setCenter(center);

        if (vm.key().isGroup()) {
            setRight(members(avatars));
        }
        setBottom(inputArea());
    }

    private void watchScrollTop() {
        for (Node n : list.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                bar.valueProperty().addListener((o, a, b) -> {
                    stickToBottom = b.doubleValue() >= bar.getMax() - 0.01;
                    if (b.doubleValue() <= bar.getMin() && vm.hasMoreProperty().get()) {
                        int before = vm.items().size();
                        vm.loadOlder();
                        // keep the row that was on top in view once the older page is in
                        vm.items().addListener(new ListChangeListener<>() {
                            @Override
                            public void onChanged(Change<? extends im.magpie.desktop.model.ChatItem> c) {
                                vm.items().removeListener(this);
                                list.scrollTo(Math.max(0, vm.items().size() - before));
                            }
                        });
                    }
                });
            }
        }
    }

    private Node members(Avatars avatars) {
        ListView<Member> members = new ListView<>(vm.members());
        members.setId("memberList");
        members.getStyleClass().add("member-list");
        members.setPrefWidth(180);
        i18n.bundleProperty().addListener((o, a, b) -> members.refresh());
        members.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Member m, boolean empty) {
                super.updateItem(m, empty);
                if (empty || m == null) {
                    setGraphic(null);
                    setContextMenu(null);
                    return;
                }
                Label name = new Label(m.displayName());
                name.getStyleClass().add(m.presence().online() ? "member-online" : "member-offline");
                Label dot = new Label("●");
                dot.getStyleClass().addAll("presence-dot", "presence-" + m.presence().name().toLowerCase());
                HBox row = new HBox(6, avatars.of(m.displayName(), m.avatarHash(), 24), name, dot);
                row.setAlignment(Pos.CENTER_LEFT);
                if (m.role() != Member.Role.MEMBER) {
                    Label role = new Label(i18n.get("role." + m.role().name().toLowerCase()));
                    role.getStyleClass().add("role-tag");
                    row.getChildren().add(role);
                }
                setGraphic(row);
                if (m.userId() != vm.key().id()) {
                    MenuItem word = new MenuItem(i18n.get("chat.privateWord"), Icons.of(Feather.MESSAGE_SQUARE));
                    word.setOnAction(e -> askPrivateWord(m));
                    setContextMenu(new ContextMenu(word));
                }
            }
        });
        Label header = new Label();
        header.textProperty().bind(i18n.text("chat.members"));
        header.getStyleClass().add("side-header");
        VBox box = new VBox(6, header, members);
        VBox.setVgrow(members, Priority.ALWAYS);
        box.getStyleClass().add("member-pane");
        return box;
    }

    private void askPrivateWord(Member m) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle(i18n.get("chat.privateWord"));
        dialog.setHeaderText(i18n.get("chat.privateWordTo", m.displayName()));
        dialog.initOwner(getScene().getWindow());
        dialog.showAndWait().ifPresent(text -> vm.privateWord(m, text));
    }

    private Node inputArea() {
        input.setId("messageInput");
        input.setWrapText(true);
        input.setPrefRowCount(3);
        input.promptTextProperty().bind(i18n.text("chat.inputHint"));
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                if (e.isShiftDown()) {
                    input.insertText(input.getCaretPosition(), "\n");
                } else {
                    sendInput();
                }
            }
        });
        Button emoji = new Button("", Icons.of(Feather.SMILE, 18));
        emoji.setId("emojiButton");
        emoji.getStyleClass().addAll("flat", "button-icon");
        emoji.setOnAction(e -> {
            var picker = Emoji.picker(s -> {
                input.insertText(input.getCaretPosition(), s);
                input.requestFocus();
            });
            var p = emoji.localToScreen(0, 0);
            picker.show(emoji, p.getX(), p.getY() - 170);
        });
        Button send = new Button();
        send.setId("sendButton");
        send.textProperty().bind(i18n.text("chat.send"));
        send.setGraphic(Icons.of(Feather.SEND));
        send.getStyleClass().add("accent");
        send.setOnAction(e -> sendInput());
        Label hint = new Label();
        hint.textProperty().bind(i18n.text("chat.enterHint"));
        hint.getStyleClass().add("meta");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox tools = new HBox(6, emoji, grow, hint, send);
        tools.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, input, tools);
        box.getStyleClass().add("input-area");
        return box;
    }

    private void sendInput() {
        String text = input.getText();
        if (text != null && !text.isBlank()) {
            stickToBottom = true;
            vm.send(text);
            input.clear();
        }
    }

    public ChatViewModel viewModel() {
        return vm;
    }

    public void focusInput() {
        input.requestFocus();
    }

}

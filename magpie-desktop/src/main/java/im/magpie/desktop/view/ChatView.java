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
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.image.Image;
import javafx.scene.image.WritablePixelFormat;
import javafx.scene.input.Clipboard;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;

/**
 * A conversation: header (name, members online or the one-to-one path, search: Ctrl+F), a group's
 * announcement, the bubbles and files, and the input (Enter sends, Shift+Enter is a new line,
 * emoji picker, a file button; files dropped on the chat or pasted are sent, "@" suggests members).
 * A group chat shows its members with presence on the right; their context menu offers a private
 * word. Scrolling to the top loads older messages.
 */
public final class ChatView extends BorderPane {
    private final ChatViewModel vm;
    private final I18n i18n;
    private final ListView<im.magpie.desktop.model.ChatItem> list = new ListView<>();
    private final TextArea input = new TextArea();
    private final MentionSuggestions mentions = new MentionSuggestions(input);
    private TextField search;
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
        search.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                input.requestFocus();
                e.consume();
            }
        });
        this.search = search;
        if (!vm.key().isGroup()) {
            online.setId("pathMark");
            online.textProperty().bind(Bindings.createStringBinding(() -> vm.directProperty().get() == null ? ""
                    : i18n.get(vm.directProperty().get() ? "chat.direct" : "chat.viaServer"),
                    vm.directProperty(), i18n.bundleProperty()));
            online.graphicProperty().bind(Bindings.createObjectBinding(() -> vm.directProperty().get() == null ? null
                    : Icons.of(vm.directProperty().get() ? Feather.ZAP : Feather.SERVER, 12), vm.directProperty()));
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(10, title, online, grow, Icons.of(Feather.SEARCH), search);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("chat-header");
        Label announcement = new Label();
        announcement.setId("announcement");
        announcement.getStyleClass().add("announcement");
        announcement.setWrapText(true);
        announcement.setMaxWidth(Double.MAX_VALUE);
        announcement.setGraphic(Icons.of(Feather.VOLUME_2, 12));
        announcement.textProperty().bind(vm.announcementProperty());
        announcement.visibleProperty().bind(vm.announcementProperty().isNotEmpty());
        announcement.managedProperty().bind(announcement.visibleProperty());
        setTop(new VBox(header, announcement));
        // Ctrl+F (Cmd+F) searches this conversation
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F && e.isShortcutDown()) {
                search.requestFocus();
                search.selectAll();
                e.consume();
            }
        });
        // files dropped anywhere on the chat are sent
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                sendFiles(e.getDragboard().getFiles());
            }
            e.setDropCompleted(ok);
            e.consume();
        });

        list.setId("messageList");
        list.getStyleClass().add("message-list");
        list.setItems(vm.items());
        list.setCellFactory(l -> new ChatItemCell(vm, i18n, avatars, avatarOf));
        list.setFocusTraversable(false);
        vm.items().addListener((ListChangeListener<im.magpie.desktop.model.ChatItem>) c -> {
            if (stickToBottom && !vm.items().isEmpty()) {
                list.scrollTo(vm.items().size() - 1);
                // again once the new rows have their real heights (images, wrapped text)
                Platform.runLater(() -> {
                    if (stickToBottom && !vm.items().isEmpty()) {
                        list.scrollTo(vm.items().size() - 1);
                    }
                });
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
        mentions.candidates(vm::mentionCandidates);
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (mentions.handle(e)) {
                e.consume();
            } else if (e.getCode() == KeyCode.V && e.isShortcutDown() && pasteFiles()) {
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
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
        Button file = new Button("", Icons.of(Feather.PAPERCLIP, 18));
        file.setId("fileButton");
        file.getStyleClass().addAll("flat", "button-icon");
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(i18n.text("chat.sendFile"));
        file.setTooltip(tip);
        file.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(i18n.get("chat.sendFile"));
            var picked = chooser.showOpenMultipleDialog(getScene().getWindow());
            if (picked != null) {
                sendFiles(picked);
            }
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
        HBox tools = new HBox(6, emoji, file, grow, hint, send);
        tools.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, mentions.node(), input, tools);
        box.getStyleClass().add("input-area");
        return box;
    }

    /** Sends files: from the chooser, a drop or a paste. */
    public void sendFiles(List<File> files) {
        List<Path> paths = files.stream().filter(File::isFile).map(File::toPath).toList();
        if (!paths.isEmpty()) {
            stickToBottom = true;
            vm.sendFiles(paths);
        }
    }

    /** Ctrl+V with files or an image on the clipboard sends them; text pastes as usual. */
    private boolean pasteFiles() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasFiles()) {
            sendFiles(clipboard.getFiles());
            return true;
        }
        if (clipboard.hasImage() && !clipboard.hasString()) {
            Image image = clipboard.getImage();
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            if (w > 0 && h > 0) {
                int[] argb = new int[w * h];
                image.getPixelReader().getPixels(0, 0, w, h, WritablePixelFormat.getIntArgbInstance(), argb, 0, w);
                stickToBottom = true;
                vm.sendImage(w, h, argb); // encoded and written on the I/O thread
                return true;
            }
        }
        return false;
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

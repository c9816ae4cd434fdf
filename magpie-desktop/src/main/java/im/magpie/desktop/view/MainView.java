package im.magpie.desktop.view;

import im.magpie.desktop.model.ChatKey;
import im.magpie.desktop.model.ChatViewModel;
import im.magpie.desktop.model.ConnectionState;
import im.magpie.desktop.model.ConversationSummary;
import im.magpie.desktop.model.GroupSummary;
import im.magpie.desktop.model.MainViewModel;
import im.magpie.desktop.model.PresenceState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The main window: the sidebar (own profile and status, tabs for conversations, friends, groups
 * and notices), the open chat, and the connection state at the bottom.
 */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final I18n i18n;
    private final Avatars avatars;
    private final StackPane chatArea = new StackPane();
    private final Map<ChatKey, ChatView> chatViews = new HashMap<>();
    private final TabPane tabs = new TabPane();
    private Runnable onSettings = () -> { };

    public MainView(MainViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        this.avatars = new Avatars(vm.session());
        getStyleClass().add("main-view");
        setLeft(sidebar());
        Label empty = new Label();
        empty.textProperty().bind(i18n.text("main.pickChat"));
        empty.getStyleClass().add("empty-hint");
        chatArea.getChildren().add(new VBox(12, Icons.of(Feather.MESSAGE_SQUARE, 56), empty) {{
            setAlignment(Pos.CENTER);
        }});
        chatArea.getStyleClass().add("chat-area");
        setCenter(chatArea);
        setBottom(statusBar());
        vm.openChatProperty().addListener((o, a, b) -> show(b));
        // Ctrl+1..4 (Cmd on macOS): the sidebar's tabs, the list focused for the arrow keys
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            int tab = e.getCode().isDigitKey() ? e.getCode().getCode() - javafx.scene.input.KeyCode.DIGIT1.getCode() : -1;
            if (e.isShortcutDown() && tab >= 0 && tab < tabs.getTabs().size()) {
                tabs.getSelectionModel().select(tab);
                Node content = tabs.getTabs().get(tab).getContent();
                Node list = content.lookup(".list-view") != null ? content.lookup(".list-view") : content.lookup(".tree-view");
                (list != null ? list : content).requestFocus();
                e.consume();
            }
        });
        i18n.bundleProperty().addListener((o, a, b) -> vm.localize(i18n.get("friends.default"), i18n.locale()));
        vm.localize(i18n.get("friends.default"), i18n.locale());
    }

    public void onSettings(Runnable r) {
        this.onSettings = r;
    }

    private Node sidebar() {
        Label name = new Label();
        name.setId("selfName");
        name.getStyleClass().add("self-name");
        Label signature = new Label();
        signature.getStyleClass().add("self-signature");
        StackPane avatar = new StackPane();
        Runnable showSelf = () -> {
            var me = vm.session().selfProperty().get();
            name.setText(me.displayName());
            signature.setText(me.signature().isBlank() ? i18n.get("main.noSignature") : me.signature());
            avatar.getChildren().setAll(avatars.of(me.displayName(), me.avatarHash(), 48));
        };
        vm.session().selfProperty().addListener((o, a, b) -> showSelf.run());
        i18n.bundleProperty().addListener((o, a, b) -> showSelf.run());
        showSelf.run();

        ComboBox<PresenceState> status = new ComboBox<>();
        status.setId("statusBox");
        status.getItems().setAll(PresenceState.ONLINE, PresenceState.AWAY, PresenceState.BUSY, PresenceState.INVISIBLE);
        status.setCellFactory(l -> presenceCell());
        status.setButtonCell(presenceCell());
        status.setValue(vm.statusProperty().get());
        status.setOnAction(e -> {
            if (status.getValue() != vm.statusProperty().get()) {
                vm.setStatus(status.getValue());
            }
        });
        vm.statusProperty().addListener((o, a, b) -> status.setValue(b));
        i18n.bundleProperty().addListener((o, a, b) -> {
            status.setButtonCell(presenceCell());
        });

        VBox who = new VBox(2, name, signature);
        HBox.setHgrow(who, Priority.ALWAYS);
        HBox header = new HBox(10, avatar, who);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("self-header");

        Button addFriend = tool("addFriendButton", Feather.USER_PLUS, "main.addFriend");
        addFriend.setOnAction(e -> Dialogs.addFriend(getScene().getWindow(), vm, i18n));
        Button createGroup = tool("createGroupOpen", Feather.USERS, "main.createGroup");
        createGroup.setOnAction(e -> Dialogs.createGroup(getScene().getWindow(), vm, i18n));
        Button profile = tool("profileButton", Feather.EDIT_2, "main.profile");
        profile.setOnAction(e -> ProfileDialog.show(getScene().getWindow(), vm.session(), i18n));
        Button settings = tool("settingsButton", Feather.SETTINGS, "main.settings");
        settings.setOnAction(e -> onSettings.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox toolbar = new HBox(4, status, grow, addFriend, createGroup, profile, settings);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("sidebar-toolbar");

        tabs.setId("sidebarTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("sidebar-tabs");
        tabs.getTabs().addAll(chatsTab(), friendsTab(), groupsTab(), noticesTab());
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox side = new VBox(header, toolbar, tabs);
        side.getStyleClass().add("sidebar");
        side.setPrefWidth(310);
        side.setMinWidth(260);
        return side;
    }

    private ListCell<PresenceState> presenceCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(PresenceState p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    setText(Texts.presence(i18n, p));
                    Label dot = new Label("●");
                    dot.getStyleClass().addAll("presence-dot", "presence-" + p.name().toLowerCase());
                    setGraphic(dot);
                }
            }
        };
    }

    private Button tool(String id, Ikon icon, String tip) {
        Button b = new Button("", Icons.of(icon, 16));
        b.setId(id);
        b.getStyleClass().addAll("flat", "button-icon");
        Tooltip t = new Tooltip();
        t.textProperty().bind(i18n.text(tip));
        b.setTooltip(t);
        return b;
    }

    private Tab tab(String id, String key, Node content) {
        Tab t = new Tab();
        t.setId(id);
        t.textProperty().bind(i18n.text(key));
        t.setContent(content);
        return t;
    }

    private Tab chatsTab() {
        ListView<ConversationSummary> list = new ListView<>(vm.conversations());
        list.setId("conversationList");
        list.setCellFactory(l -> new SidebarCells.ConversationCell(i18n, avatars, vm::avatarOf));
        i18n.bundleProperty().addListener((o, a, b) -> list.refresh());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.open(b.chat(), b.title());
            }
        });
        Tab t = tab("chatsTab", "main.chats", list);
        t.textProperty().unbind();
        t.textProperty().bind(Bindings.createStringBinding(() -> vm.totalUnreadProperty().get() > 0
                ? i18n.get("main.chats") + " (" + vm.totalUnreadProperty().get() + ")" : i18n.get("main.chats"),
                vm.totalUnreadProperty(), i18n.bundleProperty()));
        return t;
    }

    private Tab friendsTab() {
        TextField search = new TextField();
        search.setId("friendFilter");
        search.promptTextProperty().bind(i18n.text("friends.search"));
        search.textProperty().bindBidirectional(vm.friendFilterProperty());
        FriendTree tree = new FriendTree(vm.friendCategories(), i18n, avatars,
                c -> vm.open(ChatKey.user(c.userId()), c.displayName()));
        i18n.bundleProperty().addListener((o, a, b) -> tree.refresh());
        VBox box = new VBox(6, search, tree);
        box.getStyleClass().add("tab-content");
        VBox.setVgrow(tree, Priority.ALWAYS);
        return tab("friendsTab", "main.friends", box);
    }

    private Tab groupsTab() {
        ListView<GroupSummary> list = new ListView<>(vm.groups());
        list.setId("groupList");
        list.setCellFactory(l -> new SidebarCells.GroupCell(i18n, avatars));
        i18n.bundleProperty().addListener((o, a, b) -> list.refresh());
        Runnable openSelected = () -> {
            GroupSummary g = list.getSelectionModel().getSelectedItem();
            if (g != null) {
                vm.open(ChatKey.group(g.groupId()), g.name());
            }
        };
        list.setOnMouseClicked(e -> openSelected.run());
        list.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                openSelected.run();
            }
        });
        return tab("groupsTab", "main.groups", list);
    }

    private Tab noticesTab() {
        ListView<im.magpie.desktop.model.Notice> list = new ListView<>(vm.notices());
        list.setId("noticeList");
        list.setCellFactory(l -> new SidebarCells.NoticeCell(i18n, vm::answer));
        i18n.bundleProperty().addListener((o, a, b) -> list.refresh());
        Label empty = new Label();
        empty.textProperty().bind(i18n.text("notice.none"));
        list.setPlaceholder(empty);
        Tab t = tab("noticesTab", "main.notices", list);
        t.textProperty().unbind();
        t.textProperty().bind(Bindings.createStringBinding(() -> vm.notices().isEmpty() ? i18n.get("main.notices")
                : i18n.get("main.notices") + " (" + vm.notices().size() + ")", vm.notices(), i18n.bundleProperty()));
        return t;
    }

    private Node statusBar() {
        Label dot = new Label("●");
        Label state = new Label();
        state.setId("connectionState");
        Runnable show = () -> {
            ConnectionState s = vm.session().connectionProperty().get();
            state.setText(Texts.connection(i18n, s));
            dot.getStyleClass().setAll("label", "conn-dot", "conn-" + s.phase().name().toLowerCase());
        };
        vm.session().connectionProperty().addListener((o, a, b) -> show.run());
        i18n.bundleProperty().addListener((o, a, b) -> show.run());
        show.run();
        Label server = new Label(vm.session().gateway().server().toString());
        server.getStyleClass().add("meta");
        Label failure = new Label();
        failure.getStyleClass().add("status-failure");
        vm.lastFailureProperty().addListener((o, a, b) -> failure.setText(Texts.failure(i18n, b)));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(6, dot, state, failure, grow, server);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void show(ChatViewModel chat) {
        chatViews.values().forEach(v -> v.viewModel().visibleProperty().set(false));
        if (chat == null) {
            return;
        }
        ChatView view = chatViews.computeIfAbsent(chat.key(), k -> new ChatView(chat, i18n, avatars, vm::avatarOf));
        chat.visibleProperty().set(true);
        chat.markRead();
        chatArea.getChildren().setAll(view);
        view.focusInput();
    }

    /** The chat views opened so far (tests look into them). */
    public List<ChatView> chatViews() {
        return List.copyOf(chatViews.values());
    }

    public TabPane tabs() {
        return tabs;
    }
}

package im.magpie.desktop.view;

import im.magpie.desktop.model.LanServers;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ListCell;

import im.magpie.desktop.model.Failure;
import im.magpie.desktop.model.LoginViewModel;
import im.magpie.desktop.model.Session;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The login / register form; errors are shown in the window, with re-trust for a changed certificate. */
public final class LoginView extends StackPane {
    private final LoginViewModel vm;
    private final I18n i18n;
    private final Consumer<Session> onLoggedIn;

    public LoginView(LoginViewModel vm, I18n i18n, Consumer<Session> onLoggedIn) {
        this.vm = vm;
        this.i18n = i18n;
        this.onLoggedIn = onLoggedIn;
        getStyleClass().add("login");

        Label logo = new Label("", Icons.of(Feather.MESSAGE_CIRCLE, 44));
        logo.getStyleClass().add("login-logo");
        Label title = new Label();
        title.textProperty().bind(i18n.text("app.name"));
        title.getStyleClass().add("login-title");
        Label subtitle = new Label();
        subtitle.textProperty().bind(i18n.text("login.subtitle"));
        subtitle.getStyleClass().add("login-subtitle");

        ComboBox<String> server = serverBox();
        CheckBox tls = check("tlsBox", "login.tls");
        tls.selectedProperty().bindBidirectional(vm.tlsProperty());
        tls.setMinWidth(Region.USE_PREF_SIZE); // the server box grows, "TLS" keeps its width
        TextField username = field("usernameField", "login.username");
        username.textProperty().bindBidirectional(vm.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("passwordField");
        password.promptTextProperty().bind(i18n.text("login.password"));
        password.textProperty().bindBidirectional(vm.passwordProperty());
        TextField nickname = field("nicknameField", "login.nickname");
        nickname.textProperty().bindBidirectional(vm.nicknameProperty());
        nickname.visibleProperty().bind(vm.registeringProperty());
        nickname.managedProperty().bind(vm.registeringProperty());

        CheckBox remember = check("rememberBox", "login.remember");
        remember.selectedProperty().bindBidirectional(vm.rememberProperty());
        CheckBox auto = check("autoLoginBox", "login.auto");
        auto.selectedProperty().bindBidirectional(vm.autoLoginProperty());
        auto.disableProperty().bind(remember.selectedProperty().not());
        HBox options = new HBox(16, remember, auto);
        HBox serverRow = new HBox(10, server, tls);
        serverRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(server, Priority.ALWAYS);

        Label error = new Label();
        error.setId("loginError");
        error.getStyleClass().add("login-error");
        error.setWrapText(true);
        error.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> Texts.failure(i18n, vm.failureProperty().get()), vm.failureProperty(), i18n.bundleProperty()));
        error.visibleProperty().bind(vm.failureProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        Button retrust = new Button();
        retrust.setId("retrustButton");
        retrust.textProperty().bind(i18n.text("login.retrust"));
        retrust.getStyleClass().add("danger");
        retrust.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() ->
                vm.failureProperty().get() != null
                        && vm.failureProperty().get().kind() == Failure.Kind.CERTIFICATE_CHANGED, vm.failureProperty()));
        retrust.managedProperty().bind(retrust.visibleProperty());
        retrust.setOnAction(e -> vm.retrustAndSubmit(onLoggedIn));

        Button submit = new Button();
        submit.setId("loginButton");
        submit.setDefaultButton(true);
        submit.getStyleClass().add("accent");
        submit.setMaxWidth(Double.MAX_VALUE);
        submit.textProperty().bind(javafx.beans.binding.Bindings.when(vm.registeringProperty())
                .then(i18n.text("login.register")).otherwise(i18n.text("login.login")));
        submit.disableProperty().bind(vm.busyProperty());
        submit.setOnAction(e -> vm.submit(onLoggedIn));

        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(vm.busyProperty());
        Button cancel = new Button();
        cancel.textProperty().bind(i18n.text("login.cancel"));
        cancel.getStyleClass().add("flat");
        cancel.visibleProperty().bind(vm.busyProperty());
        cancel.setOnAction(e -> vm.cancel());
        HBox busy = new HBox(8, progress, cancel);
        busy.setAlignment(Pos.CENTER);
        busy.managedProperty().bind(vm.busyProperty());
        busy.visibleProperty().bind(vm.busyProperty());

        Hyperlink toggle = new Hyperlink();
        toggle.setId("registerLink");
        toggle.textProperty().bind(javafx.beans.binding.Bindings.when(vm.registeringProperty())
                .then(i18n.text("login.haveAccount")).otherwise(i18n.text("login.newAccount")));
        toggle.setOnAction(e -> vm.registeringProperty().set(!vm.registeringProperty().get()));

        ComboBox<Locale> language = LanguageBox.create(i18n);
        language.setId("languageBox");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bottom = new HBox(8, toggle, spacer, Icons.of(Feather.GLOBE), language);
        bottom.setAlignment(Pos.CENTER_LEFT);

        VBox card = new VBox(12, logo, title, subtitle, serverRow, username, password, nickname, options, error, retrust,
                submit, busy, bottom);
        card.getStyleClass().add("login-card");
        card.setAlignment(Pos.TOP_CENTER);
        card.setMaxSize(380, Region.USE_PREF_SIZE);
        card.setPadding(new Insets(28, 32, 20, 32));
        getChildren().add(card);
    }

    /**
     * The server address: typed, or picked from the servers LAN discovery found (looked for when
     * the window opens and each time the list is opened, on the I/O thread).
     */
    private ComboBox<String> serverBox() {
        ComboBox<String> box = new ComboBox<>();
        box.setId("serverField");
        box.setEditable(true);
        box.setMaxWidth(Double.MAX_VALUE);
        box.getEditor().setId("serverEditor");
        box.promptTextProperty().bind(i18n.text("login.server"));
        // the value too: the combo box's skin writes the value's text into the editor when it is made
        box.setValue(vm.serverProperty().get());
        box.getEditor().textProperty().bindBidirectional(vm.serverProperty());
        vm.lanServers().addListener((javafx.collections.ListChangeListener<LanServers.Found>) c -> {
            String typed = vm.serverProperty().get();
            box.getItems().setAll(vm.lanServers().stream().map(LanServers.Found::address).toList());
            vm.serverProperty().set(typed); // refilling the list must not change what is typed
        });
        box.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String address, boolean empty) {
                super.updateItem(address, empty);
                if (empty || address == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                LanServers.Found f = found(address);
                setText(f == null ? address : f.name() + "  " + address + (f.tls() ? "  (TLS)" : ""));
                setGraphic(Icons.of(Feather.WIFI, 12));
            }
        });
        box.valueProperty().addListener((o, a, b) -> {
            LanServers.Found f = b == null ? null : found(b);
            if (f != null) {
                vm.pick(f);
            }
        });
        box.setOnShowing(e -> vm.discover());
        Label none = new Label();
        none.textProperty().bind(Bindings.when(vm.searchingProperty()).then(i18n.text("login.searching"))
                .otherwise(i18n.text("login.noneFound")));
        box.setPlaceholder(none);
        return box;
    }

    private LanServers.Found found(String address) {
        return vm.lanServers().stream().filter(f -> f.address().equals(address)).findFirst().orElse(null);
    }

    /** Starts the automatic login with the kept session, if the settings ask for it; else looks for LAN servers. */
    public void autoLoginIfKept() {
        if (vm.shouldAutoLogin()) {
            vm.resume(onLoggedIn);
        } else {
            vm.discover();
        }
    }

    private TextField field(String id, String promptKey) {
        TextField f = new TextField();
        f.setId(id);
        f.promptTextProperty().bind(i18n.text(promptKey));
        return f;
    }

    private CheckBox check(String id, String key) {
        CheckBox c = new CheckBox();
        c.setId(id);
        c.textProperty().bind(i18n.text(key));
        return c;
    }
}

package im.magpie.desktop.view;

import im.magpie.desktop.model.Contact;
import im.magpie.desktop.model.MainViewModel;
import im.magpie.desktop.model.UserHit;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The add-friend and create-group dialogs. */
final class Dialogs {
    private Dialogs() {}

    /** Searches users by name and sends a friend request to the one picked. */
    static void addFriend(Window owner, MainViewModel main, I18n i18n) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(i18n.get("addFriend.title"));
        TextField query = new TextField();
        query.setId("friendSearchField");
        query.setPromptText(i18n.get("addFriend.prompt"));
        Button find = new Button(i18n.get("addFriend.search"));
        find.setId("friendSearchButton");
        find.setDefaultButton(true);
        ObservableList<UserHit> hits = FXCollections.observableArrayList();
        ListView<UserHit> list = new ListView<>(hits);
        list.setId("userHits");
        list.setPrefHeight(200);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(UserHit u, boolean empty) {
                super.updateItem(u, empty);
                setText(empty || u == null ? null : (u.nickname().isBlank() ? u.username() : u.nickname() + " (" + u.username() + ")"));
            }
        });
        TextField note = new TextField();
        note.setId("friendNoteField");
        note.setPromptText(i18n.get("addFriend.note"));
        Label status = new Label();
        status.setId("addFriendStatus");
        status.setWrapText(true);
        find.setOnAction(e -> main.session().request(() -> main.session().social().searchUsers(query.getText().strip()),
                r -> {
                    hits.setAll(r);
                    status.setText(r.isEmpty() ? i18n.get("addFriend.none") : "");
                    if (!r.isEmpty()) {
                        list.getSelectionModel().selectFirst();
                    }
                }, f -> status.setText(Texts.failure(i18n, f))));
        Button send = new Button(i18n.get("addFriend.send"));
        send.setId("sendFriendRequestButton");
        send.getStyleClass().add("accent");
        send.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        send.setOnAction(e -> {
            UserHit u = list.getSelectionModel().getSelectedItem();
            main.session().request(() -> main.session().social().requestFriend(u.userId(), note.getText()),
                    x -> status.setText(i18n.get("addFriend.sent", u.username())),
                    f -> status.setText(Texts.failure(i18n, f)));
        });
        VBox box = new VBox(10, new HBox(8, query, find), list, note, new HBox(8, send), status);
        box.setPadding(new Insets(12));
        box.setPrefWidth(380);
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.show();
    }

    /** Names a group and picks the friends to invite. */
    static void createGroup(Window owner, MainViewModel main, I18n i18n) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(i18n.get("createGroup.title"));
        TextField name = new TextField();
        name.setId("groupNameField");
        name.setPromptText(i18n.get("createGroup.name"));
        TextField announcement = new TextField();
        announcement.setId("groupAnnouncementField");
        announcement.setPromptText(i18n.get("createGroup.announcement"));
        VBox friends = new VBox(6);
        List<CheckBox> boxes = new ArrayList<>();
        for (Contact c : main.contacts()) {
            CheckBox b = new CheckBox(c.displayName());
            b.setId("invite-" + c.username());
            b.setUserData(c.userId());
            boxes.add(b);
            friends.getChildren().add(b);
        }
        Label status = new Label();
        status.setWrapText(true);
        Label pick = new Label(i18n.get("createGroup.pick"));
        VBox box = new VBox(10, name, announcement, pick, friends, status);
        box.setPadding(new Insets(12));
        box.setPrefWidth(320);
        d.getDialogPane().setContent(box);
        ButtonType create = new ButtonType(i18n.get("createGroup.create"), javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(create, ButtonType.CANCEL);
        Button createButton = (Button) d.getDialogPane().lookupButton(create);
        createButton.setId("createGroupButton");
        createButton.disableProperty().bind(name.textProperty().isEmpty());
        createButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            e.consume();
            List<Long> invite = boxes.stream().filter(CheckBox::isSelected).map(b -> (Long) b.getUserData()).toList();
            main.session().request(() -> main.session().social().createGroup(name.getText().strip(),
                    announcement.getText().strip(), invite), g -> {
                main.refreshGroups();
                d.close();
            }, f -> status.setText(Texts.failure(i18n, f)));
        });
        d.show();
    }
}

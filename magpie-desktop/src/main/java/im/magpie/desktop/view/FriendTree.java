package im.magpie.desktop.view;

import im.magpie.desktop.model.Contact;
import im.magpie.desktop.model.FriendCategory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/** The friend list: collapsible categories ("My Friends 1/3"), online friends first. */
final class FriendTree extends TreeView<Object> {
    private final Set<Long> collapsed = new HashSet<>();

    FriendTree(ObservableList<FriendCategory> categories, I18n i18n, Avatars avatars, Consumer<Contact> open) {
        setId("friendTree");
        getStyleClass().add("friend-tree");
        setShowRoot(false);
        setRoot(new TreeItem<>("root"));
        categories.addListener((ListChangeListener<FriendCategory>) c -> rebuild(categories));
        rebuild(categories);
        setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                } else if (item instanceof FriendCategory c) {
                    Label l = new Label(c.name() + "  " + c.online() + "/" + c.total());
                    l.getStyleClass().add("category-label");
                    setGraphic(l);
                } else if (item instanceof Contact c) {
                    setGraphic(SidebarCells.friendRow(c, i18n, avatars));
                }
            }
        });
        setOnMouseClicked(e -> {
            TreeItem<Object> selected = getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && selected != null && selected.getValue() instanceof Contact c) {
                open.accept(c);
            }
        });
        setOnKeyPressed(e -> {
            TreeItem<Object> selected = getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && selected != null && selected.getValue() instanceof Contact c) {
                open.accept(c);
            }
        });
    }

    private void rebuild(List<FriendCategory> categories) {
        getRoot().getChildren().setAll(categories.stream().map(c -> {
            TreeItem<Object> item = new TreeItem<>(c);
            c.friends().forEach(f -> item.getChildren().add(new TreeItem<>(f)));
            item.setExpanded(!collapsed.contains(c.categoryId()));
            item.expandedProperty().addListener((o, a, b) -> {
                if (b) {
                    collapsed.remove(c.categoryId());
                } else {
                    collapsed.add(c.categoryId());
                }
            });
            return item;
        }).toList());
    }
}

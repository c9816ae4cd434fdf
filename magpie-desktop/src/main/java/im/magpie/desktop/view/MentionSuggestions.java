package im.magpie.desktop.view;

import im.magpie.desktop.model.Member;
import im.magpie.desktop.model.Mentions;
import java.util.List;
import java.util.function.BiFunction;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyEvent;

/**
 * The members an "@" being typed may mean, in a list above the input (not a popup, so the keys
 * stay with the input): arrows choose, Enter or Tab take one, Esc closes, a click takes one.
 */
final class MentionSuggestions {
    private final TextArea input;
    private final ListView<Member> list = new ListView<>();
    private BiFunction<String, Integer, List<Member>> candidates = (text, caret) -> List.of();

    MentionSuggestions(TextArea input) {
        this.input = input;
        list.setId("mentionSuggestions");
        list.getStyleClass().add("mention-list");
        list.setFocusTraversable(false);
        list.setPrefHeight(120);
        list.setVisible(false);
        list.managedProperty().bind(list.visibleProperty());
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Member m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : m.displayName() + (m.displayName().equals(m.mentionName()) ? ""
                        : "  (@" + m.mentionName() + ")"));
            }
        });
        list.setOnMouseClicked(e -> take());
        input.caretPositionProperty().addListener((o, a, b) -> update());
        input.textProperty().addListener((o, a, b) -> update());
    }

    /** Who may be meant by the text and caret (the chat's members). */
    void candidates(BiFunction<String, Integer, List<Member>> source) {
        this.candidates = source;
    }

    Node node() {
        return list;
    }

    /** A key pressed in the input: true if the suggestions used it. */
    boolean handle(KeyEvent e) {
        if (!list.isVisible()) {
            return false;
        }
        switch (e.getCode()) {
            case DOWN -> list.getSelectionModel().selectNext();
            case UP -> list.getSelectionModel().selectPrevious();
            case ENTER, TAB -> take();
            case ESCAPE -> list.setVisible(false);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void update() {
        List<Member> found = candidates.apply(input.getText(), input.getCaretPosition());
        list.getItems().setAll(found);
        list.setVisible(!found.isEmpty());
        if (!found.isEmpty()) {
            list.getSelectionModel().selectFirst();
        }
    }

    private void take() {
        Member m = list.getSelectionModel().getSelectedItem();
        int caret = input.getCaretPosition();
        Mentions.query(input.getText(), caret).ifPresent(q -> {
            if (m != null) {
                Mentions.Completed done = Mentions.complete(input.getText(), caret, q, m);
                input.setText(done.text());
                input.positionCaret(done.caret());
            }
        });
        list.setVisible(false);
        input.requestFocus();
    }
}

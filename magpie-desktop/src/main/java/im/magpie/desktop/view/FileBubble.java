package im.magpie.desktop.view;

import im.magpie.desktop.model.ChatViewModel;
import im.magpie.desktop.model.FileTransfer;
import java.io.ByteArrayInputStream;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The bubble of a file or image: an image's thumbnail (a click opens it full size once it is
 * here), else the name and size; a progress bar while bytes move; accept and decline for an offer.
 */
final class FileBubble {
    static final int THUMB_PIXELS = 160;
    private FileBubble() {}

    static Node of(FileTransfer f, ChatViewModel chat, I18n i18n) {
        VBox box = new VBox(6);
        box.setId("file-" + f.key());
        box.getStyleClass().addAll("bubble", "file-bubble", f.outgoing() ? "bubble-own" : "bubble-other");
        box.setMaxWidth(300);
        Image preview = preview(f);
        if (preview != null) {
            ImageView thumb = new ImageView(preview);
            thumb.setId("thumb-" + f.key());
            thumb.setPreserveRatio(true);
            thumb.setFitWidth(THUMB_PIXELS);
            thumb.setFitHeight(THUMB_PIXELS);
            thumb.setCursor(Cursor.HAND);
            thumb.setOnMouseClicked(e -> open(f, chat));
            box.getChildren().add(thumb);
        } else {
            Label name = new Label(f.name(), Icons.of(f.image() ? Feather.IMAGE : Feather.FILE, 18));
            name.getStyleClass().add("file-name");
            name.setWrapText(true);
            Label size = new Label(Texts.bytes(f.size()));
            size.getStyleClass().add("meta");
            box.getChildren().addAll(name, size);
        }
        if (f.inProgress()) {
            ProgressBar bar = new ProgressBar(f.size() == 0 ? 1 : (double) f.bytesDone() / f.size());
            bar.setId("progress-" + f.key());
            bar.setMaxWidth(Double.MAX_VALUE);
            box.getChildren().add(bar);
        }
        Label state = new Label(stateText(f, i18n));
        state.setId("file-state-" + f.key());
        state.getStyleClass().addAll("meta", "file-state", "file-" + f.state().name().toLowerCase());
        state.setWrapText(true);
        box.getChildren().add(state);
        if (f.state() == FileTransfer.State.OFFERED) {
            Button accept = new Button(i18n.get("file.accept"), Icons.of(Feather.DOWNLOAD, 12));
            accept.setId("accept-file-" + f.fileId());
            accept.getStyleClass().addAll("small", "accent");
            accept.setOnAction(e -> chat.accept(f));
            Button decline = new Button(i18n.get("file.decline"));
            decline.setId("decline-file-" + f.fileId());
            decline.getStyleClass().addAll("small", "flat");
            decline.setOnAction(e -> chat.decline(f));
            HBox buttons = new HBox(6, accept, decline);
            buttons.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(buttons);
        }
        return box;
    }

    /**
     * The sender's thumbnail (at most 32 KiB of JPEG in memory, decoded here without the disk), else
     * the image itself once it is on this machine (a direct offer carries no thumbnail), scaled
     * while it loads in the background; null when there is nothing to show yet.
     */
    private static Image preview(FileTransfer f) {
        if (!f.image()) {
            return null;
        }
        if (f.hasThumbnail()) {
            return new Image(new ByteArrayInputStream(f.thumbnail()));
        }
        if (f.localFile() != null) {
            return new Image(f.localFile().toUri().toString(), THUMB_PIXELS, THUMB_PIXELS, true, true, true);
        }
        return null;
    }

    private static void open(FileTransfer f, ChatViewModel chat) {
        if (f.localFile() != null) {
            ImageViewer.show(f.localFile(), f.name());
        } else if (f.state() == FileTransfer.State.OFFERED) {
            chat.accept(f); // fetched first; a click once it is here opens it
        }
    }

    static String stateText(FileTransfer f, I18n i18n) {
        return switch (f.state()) {
            case UPLOADING -> i18n.get("file.uploading", percent(f));
            case SENT -> i18n.get("file.sent");
            case ACCEPTED -> i18n.get("file.accepted");
            case OFFERED -> i18n.get("file.offered", Texts.bytes(f.size()));
            case DOWNLOADING -> i18n.get("file.downloading", percent(f));
            case RECEIVED -> f.localFile() == null ? i18n.get("file.received")
                    : i18n.get("file.savedTo", f.localFile().toString());
            case DECLINED -> i18n.get("file.declined");
            case FAILED -> i18n.get("file.failed", f.failure() == null ? "" : Texts.failure(i18n, f.failure()));
        };
    }

    private static int percent(FileTransfer f) {
        return f.size() == 0 ? 100 : (int) Math.min(100, f.bytesDone() * 100 / f.size());
    }
}

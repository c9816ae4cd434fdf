package im.magpie.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileBoardTest {
    private final ChatKey bob = ChatKey.user(2);
    private final FileBoard board = new FileBoard();

    private FileTransfer only() {
        assertThat(board.of(bob)).hasSize(1);
        return board.of(bob).get(0);
    }

    @Test
    void an_upload_learns_its_id_from_the_first_progress_of_its_size_then_waits_for_the_answer() {
        List<ChatKey> told = new ArrayList<>();
        board.addListener(told::add);
        board.sending(bob, 1, "a.txt", 100, false, null, Path.of("a.txt"), 10);
        board.sending(bob, 1, "b.txt", 300, false, null, Path.of("b.txt"), 11);
        board.progress(77, true, 150, 300, false);
        FileTransfer b = board.of(bob).get(1);
        assertThat(b.fileId()).isEqualTo(77);
        assertThat(b.bytesDone()).isEqualTo(150);
        assertThat(board.of(bob).get(0).fileId()).isZero();
        board.completed(77, true, Path.of("b.txt"));
        assertThat(board.byId(77).state()).isEqualTo(FileTransfer.State.SENT);
        board.answered(77, true);
        assertThat(board.byId(77).state()).isEqualTo(FileTransfer.State.ACCEPTED);
        assertThat(told).isNotEmpty().allMatch(bob::equals);
    }

    @Test
    void a_file_carried_over_the_direct_channel_is_accepted_when_its_upload_completes() {
        String key = board.sending(bob, 1, "c.bin", 10, false, null, Path.of("c.bin"), 10);
        board.progress(5, true, 10, 10, true);
        board.completed(5, true, Path.of("c.bin"));
        board.sent(key, 5);
        assertThat(only().state()).isEqualTo(FileTransfer.State.ACCEPTED);
    }

    @Test
    void an_offer_moves_through_download_to_its_saved_file_and_is_kept_once() {
        FileTransfer offer = new FileTransfer("in-9", 9, bob, 2, false, "photo.png", 50, true, new byte[] {1}, FileTransfer.State.OFFERED,
                0, null, null, 20);
        board.offered(offer);
        board.offered(offer);
        board.accepting(9);
        assertThat(only().state()).isEqualTo(FileTransfer.State.DOWNLOADING);
        board.progress(9, false, 25, 50, false);
        assertThat(only().bytesDone()).isEqualTo(25);
        board.completed(9, false, Path.of("/tmp/photo.png"));
        assertThat(only().state()).isEqualTo(FileTransfer.State.RECEIVED);
        assertThat(only().localFile()).isEqualTo(Path.of("/tmp/photo.png"));
        board.progress(9, false, 50, 50, false); // late progress does not undo it
        assertThat(only().state()).isEqualTo(FileTransfer.State.RECEIVED);
    }

    @Test
    void a_declined_or_failed_send_says_so() {
        String key = board.sending(bob, 1, "x", 1, false, null, Path.of("x"), 1);
        board.sendFailed(key, Failure.of(Failure.Kind.DECLINED, "the peer declined the file"), true);
        assertThat(only().state()).isEqualTo(FileTransfer.State.DECLINED);
    }
}

package im.magpie.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MentionsTest {
    private static Member member(long id, String username, String shown, String nickname) {
        return new Member(id, username, shown, "", Member.Role.MEMBER, PresenceState.ONLINE, nickname);
    }

    private final List<Member> members = List.of(member(1, "alice", "Alice", "Alice"),
            member(2, "bob", "Bob 王", "Bob 王"), member(3, "bella", "老同学", "Bella"), member(4, "dan", "Dan", "Dan"));

    @Test
    void an_at_at_the_start_or_after_a_space_is_a_mention_being_typed() {
        assertThat(Mentions.query("@b", 2)).contains(new Mentions.Query(0, "b"));
        assertThat(Mentions.query("去吗 @Bo", 6)).contains(new Mentions.Query(3, "Bo"));
        assertThat(Mentions.query("去吗 @", 4)).contains(new Mentions.Query(3, ""));
        assertThat(Mentions.query("mail me@bob", 11)).isEmpty();
        assertThat(Mentions.query("@bob done", 9)).isEmpty();
        assertThat(Mentions.query("", 0)).isEmpty();
    }

    @Test
    void candidates_leave_out_oneself_and_put_names_that_start_with_the_prefix_first() {
        assertThat(Mentions.candidates(members, "b", 1)).extracting(Member::userId).containsExactly(2L, 3L);
        assertThat(Mentions.candidates(members, "老", 1)).extracting(Member::userId).containsExactly(3L);
        assertThat(Mentions.candidates(members, "an", 1)).extracting(Member::userId).containsExactly(4L);
        assertThat(Mentions.candidates(members, "", 1)).hasSize(3);
        assertThat(Mentions.candidates(members, "zzz", 1)).isEmpty();
    }

    @Test
    void picking_one_inserts_the_name_the_server_matches_and_moves_the_caret_after_it() {
        String text = "去吗 @la 明天";
        Mentions.Query q = Mentions.query(text, 6).orElseThrow();
        Mentions.Completed done = Mentions.complete(text, 6, q, members.get(2));
        assertThat(done.text()).isEqualTo("去吗 @Bella  明天");
        assertThat(done.caret()).isEqualTo("去吗 @Bella ".length());
    }
}

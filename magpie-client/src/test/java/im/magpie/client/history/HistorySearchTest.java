package im.magpie.client.history;

import static im.magpie.client.history.StoreTestSupport.ALICE;
import static im.magpie.client.history.StoreTestSupport.BOB;
import static im.magpie.client.history.StoreTestSupport.GROUP;
import static im.magpie.client.history.StoreTestSupport.ME;
import static im.magpie.client.history.StoreTestSupport.fromAlice;
import static im.magpie.client.history.StoreTestSupport.inGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HistorySearchTest {

  @TempDir Path dir;
  HistoryStore store;

  @BeforeEach
  void open() {
    store = StoreTestSupport.open(dir);
    store.insertIncoming(fromAlice(1, 1_000, "我明天去北京开会"));
    store.insertIncoming(fromAlice(2, 2_000, "Meeting at NOON tomorrow, don't be late"));
    store.insertIncoming(inGroup(3, BOB, 3_000, "北京的天气怎么样？"));
    store.insertIncoming(inGroup(4, BOB, 4_000, "The meeting moved to Friday"));
    store.insertIncoming(fromAlice(5, 5_000, "100% sure, 50_50 chance \"quoted\""));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void a_chinese_substring_is_found_inside_a_sentence() {
    List<SearchHit> hits = store.search(SearchQuery.of("去北京"));

    assertThat(hits).extracting(h -> h.message().messageId()).containsExactly(1L);
    assertThat(hits.get(0).snippet()).contains("[去北京]");
  }

  @Test
  void a_two_character_chinese_word_is_found_by_the_like_fallback_newest_first() {
    List<SearchHit> hits = store.search(SearchQuery.of("北京"));

    assertThat(hits).extracting(h -> h.message().messageId()).containsExactly(3L, 1L);
    assertThat(hits.get(1).snippet()).isEqualTo("我明天去[北京]开会");
  }

  @Test
  void an_english_word_is_found_whatever_its_case() {
    assertThat(store.search(SearchQuery.of("meeting")))
        .extracting(h -> h.message().messageId()).containsExactly(4L, 2L);
    assertThat(store.search(SearchQuery.of("noon")))
        .extracting(h -> h.message().messageId()).containsExactly(2L);
    assertThat(store.search(SearchQuery.of("noon")).get(0).snippet()).contains("[NOON]");
  }

  @Test
  void a_one_character_query_is_found_with_the_like_fallback() {
    assertThat(store.search(SearchQuery.of("京")))
        .extracting(h -> h.message().messageId()).containsExactly(3L, 1L);
  }

  @Test
  void the_search_can_be_limited_to_one_conversation() {
    assertThat(store.search(SearchQuery.of("meeting").in(PeerRef.group(GROUP))))
        .extracting(h -> h.message().messageId()).containsExactly(4L);
    assertThat(store.search(SearchQuery.of("北京").in(PeerRef.user(ALICE))))
        .extracting(h -> h.message().messageId()).containsExactly(1L);
    assertThat(store.search(SearchQuery.of("meeting").in(PeerRef.user(BOB)))).isEmpty();
  }

  @Test
  void the_number_of_hits_is_limited() {
    assertThat(store.search(SearchQuery.of("meeting").limit(1)))
        .extracting(h -> h.message().messageId()).containsExactly(4L);
    assertThatThrownBy(() -> SearchQuery.of("x").limit(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_recalled_message_is_no_longer_found() throws Exception {
    store.recall(1);

    assertThat(store.search(SearchQuery.of("去北京"))).isEmpty();
    assertThat(store.search(SearchQuery.of("北京")))
        .extracting(h -> h.message().messageId()).containsExactly(3L);
    assertFullTextIndexIsConsistent();
  }

  @Test
  void an_own_message_is_searchable_as_soon_as_it_is_enqueued() {
    store.outbox().enqueue(OutgoingMessage.text(PeerRef.user(ALICE), ME, "see you in Shanghai"));

    assertThat(store.search(SearchQuery.of("shanghai"))).hasSize(1);
  }

  @Test
  void operators_quotes_and_like_wildcards_are_taken_literally() {
    assertThat(store.search(SearchQuery.of("100%"))).hasSize(1);
    assertThat(store.search(SearchQuery.of("%"))).hasSize(1);
    assertThat(store.search(SearchQuery.of("_"))).hasSize(1);
    assertThat(store.search(SearchQuery.of("\"quoted\""))).hasSize(1);
    assertThat(store.search(SearchQuery.of("NOON OR meeting"))).isEmpty();
    assertThat(store.search(SearchQuery.of("a*"))).isEmpty();
  }

  @Test
  void custom_highlight_markers_are_used() {
    SearchHit hit = store.search(SearchQuery.of("friday").highlight("<b>", "</b>")).get(0);

    assertThat(hit.snippet()).contains("<b>Friday</b>");
  }

  @Test
  void a_long_text_gives_a_shortened_snippet_around_the_match() {
    store.insertIncoming(fromAlice(6, 6_000,
        "a".repeat(100) + " needle " + "b".repeat(100)));

    String like = store.search(SearchQuery.of("ne")).get(0).snippet();
    String fts = store.search(SearchQuery.of("needle")).get(0).snippet();

    assertThat(like).startsWith("…").endsWith("…").contains("[ne]edle").hasSizeLessThan(60);
    assertThat(fts).contains("[needle]").hasSizeLessThan(220);
  }

  private void assertFullTextIndexIsConsistent() {
    store.database().read(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)");
      }
      return null;
    }, "test: fts integrity check");
  }
}

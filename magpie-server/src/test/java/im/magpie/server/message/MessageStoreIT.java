package im.magpie.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.server.message.MessageStore.UserPair;
import im.magpie.server.store.Database;
import im.magpie.testkit.TestDatabase;
import im.magpie.testkit.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The send writer's batch permission reads, against each database. */
class MessageStoreIT {

    static List<TestDatabase> databases() {
        return TestDatabase.enabled();
    }

    private static final long BASE = 8_000_000_000L;

    @ParameterizedTest
    @MethodSource("databases")
    void a_batch_lookup_finds_exactly_the_friendships_and_blocks_asked_for_over_several_queries(TestDatabase db) {
        try (TestServer server = Chat.builder(db).start()) {
            Database database = server.server().context().database();
            // More pairs than one query carries on any database, so the lookup takes several queries
            // (the same statement run again, then the last one padded).
            int n = 2 * database.dialect().lookupsPerQuery() + 37;
            Set<UserPair> friends = new HashSet<>();
            Set<UserPair> blocked = new HashSet<>();
            database.jdbi().useTransaction(h -> {
                var f = h.prepareBatch("INSERT INTO friendships (owner_id, friend_id, since_ms) VALUES (:o, :f, 0)");
                var b = h.prepareBatch("INSERT INTO blocks (owner_id, blocked_id, since_ms) VALUES (:o, :b, 0)");
                for (int i = 0; i < n; i++) {
                    long owner = BASE + i;
                    long other = BASE + 100_000 + i;
                    if (i % 2 == 0) {
                        f.bind("o", owner).bind("f", other).add();
                        friends.add(new UserPair(owner, other));
                    }
                    if (i % 5 == 0) {
                        b.bind("o", owner).bind("b", other).add();
                        blocked.add(new UserPair(owner, other));
                    }
                    // A friendship one way only, and one with a user outside the asked pairs: neither may be reported.
                    f.bind("o", other).bind("f", owner + 1).add();
                }
                f.execute();
                b.execute();
            });

            MessageStore store = new MessageStore(database.jdbi(), database.dialect().lookupsPerQuery());
            List<UserPair> asked = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                asked.add(new UserPair(BASE + i, BASE + 100_000 + i));
                asked.add(new UserPair(BASE + 100_000 + i, BASE + i)); // the reverse direction
            }

            Set<UserPair> foundFriends = database.jdbi().withHandle(h -> store.friendships(h, asked));
            Set<UserPair> foundBlocks = database.jdbi().withHandle(h -> store.blocks(h, asked));

            assertThat(foundFriends).isEqualTo(friends);
            assertThat(foundBlocks).isEqualTo(blocked);
            Set<UserPair> none = database.jdbi().withHandle(h -> store.friendships(h, List.of(new UserPair(BASE + 1, BASE + 100_001))));
            assertThat(none).isEmpty();
        }
    }
}

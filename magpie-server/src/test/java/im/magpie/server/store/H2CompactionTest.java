package im.magpie.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2CompactionTest {

    @Test
    void steps_copy_live_pages_out_of_mostly_dead_chunks_until_the_chunks_are_half_live(@TempDir Path dir) {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("t.mv.db").toString())
                .autoCommitDisabled().autoCompactFillRate(0).open();
        try {
            store.setRetentionTime(0); // production keeps H2's 45 s: younger chunks are left alone
            MVMap<Integer, String> map = store.openMap("m");
            String value = "v".repeat(200);
            for (int round = 0; round < 20; round++) {
                // Each round rewrites most keys and leaves every tenth alone: its pages keep the
                // first rounds' chunks alive although almost everything in them is dead.
                for (int k = 0; k < 5_000; k++) {
                    if (round == 0 || k % 10 != 0) map.put(k, value + round);
                }
                store.commit();
            }
            int before = store.getFileStore().getChunksFillRate();
            assertThat(before).isLessThan(H2Compaction.TARGET_FILL_PERCENT);

            H2Compaction compaction = new H2Compaction(store);
            int steps = 0;
            while (compaction.step() && steps < 100) {
                store.commit();
                steps++;
            }

            assertThat(steps).isPositive();
            assertThat(store.getFileStore().getChunksFillRate()).isGreaterThan(before);
            assertThat(map.get(10)).isEqualTo(value + 0);
            assertThat(map.get(11)).isEqualTo(value + 19);
            assertThat(compaction.step()).isFalse(); // nothing left below the target
        } finally {
            store.close();
        }
    }
}

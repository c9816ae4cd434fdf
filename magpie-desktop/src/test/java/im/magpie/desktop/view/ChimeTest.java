package im.magpie.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChimeTest {
    private static short sample(byte[] pcm, int i) {
        return (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
    }

    @Test
    void the_chime_is_two_short_notes_well_below_full_scale_that_fade_out() {
        byte[] pcm = Chime.samples();
        int perNote = (int) (Chime.SAMPLE_RATE * Chime.NOTE_MILLIS / 1000);
        assertThat(pcm).hasSize(perNote * Chime.NOTES_HZ.length * 2);
        assertThat(Chime.format().getFrameSize()).isEqualTo(2);
        int peak = 0;
        for (int i = 0; i < pcm.length / 2; i++) {
            peak = Math.max(peak, Math.abs(sample(pcm, i)));
        }
        assertThat(peak).isBetween(Short.MAX_VALUE / 5, Short.MAX_VALUE / 2);
        assertThat(Math.abs(sample(pcm, 0))).isLessThan(100); // no click at the start
        int tailPeak = 0;
        for (int i = pcm.length / 2 - 200; i < pcm.length / 2; i++) {
            tailPeak = Math.max(tailPeak, Math.abs(sample(pcm, i)));
        }
        assertThat(tailPeak).isLessThan(peak / 20);
    }
}

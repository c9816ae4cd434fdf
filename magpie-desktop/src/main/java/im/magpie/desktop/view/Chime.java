package im.magpie.desktop.view;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;
import javax.sound.sampled.LineEvent;

/**
 * The notification sound: two short sine notes (E6 then A6) with a soft decay, made here as 16-bit
 * PCM rather than shipped or downloaded. Played through the JDK's sampled sound; a machine without
 * a sound device stays silent.
 */
final class Chime {
    static final float SAMPLE_RATE = 44_100f;
    static final double[] NOTES_HZ = {1318.5, 1760.0};
    static final int NOTE_MILLIS = 110;
    private static final double PEAK = 0.35; // of full scale: a chime, not an alarm

    private Chime() {}

    /** The sound as signed 16-bit little-endian mono samples. */
    static byte[] samples() {
        int perNote = (int) (SAMPLE_RATE * NOTE_MILLIS / 1000);
        byte[] out = new byte[perNote * NOTES_HZ.length * 2];
        int i = 0;
        for (double hz : NOTES_HZ) {
            for (int n = 0; n < perNote; n++) {
                double t = n / SAMPLE_RATE;
                double attack = Math.min(1.0, n / (SAMPLE_RATE * 0.005)); // 5 ms: no click at the start
                double decay = Math.exp(-5.0 * n / perNote);
                short v = (short) Math.round(Short.MAX_VALUE * PEAK * attack * decay * Math.sin(2 * Math.PI * hz * t));
                out[i++] = (byte) v;
                out[i++] = (byte) (v >> 8);
            }
        }
        return out;
    }

    static AudioFormat format() {
        return new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
    }

    /** Plays it once; blocking only to open the line, so call it off the FX thread. */
    static void play() {
        try {
            Clip clip = AudioSystem.getClip();
            byte[] data = samples();
            clip.open(format(), data, 0, data.length);
            clip.addLineListener(e -> {
                if (e.getType() == LineEvent.Type.STOP) {
                    clip.close();
                }
            });
            clip.start();
        } catch (Exception | LinkageError e) {
            // no sound device (servers, CI, headless): notifications stay silent
        }
    }
}

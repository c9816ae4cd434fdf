package im.magpie.server.fuzz;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import im.magpie.protocol.codec.FrameBytes;
import im.magpie.protocol.proto.Frame;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Frames for fuzzing: valid ones of every body the protocol has (filled from the descriptors, with
 * values near the edges: empty, huge, negative, unknown enum numbers, control characters), and
 * their encodings mutated (bits flipped, bytes cut, inserted or repeated, the length prefix moved).
 */
final class RandomFrames {
    private static final List<String> TEXTS = List.of("", " ", "alice", "bob", "lobby", "a\nb", "\u0000", "\u200d",
            "\u212Aevin", "password-123", "x".repeat(300), "日本語", "\uD83D\uDE00", "-1", "1");
    private static final long[] NUMBERS = {0, 1, 2, -1, 5, 100, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Long.MAX_VALUE, Long.MIN_VALUE, 4294967295L, 1L << 53};

    private RandomFrames() {}

    /** A valid frame with one body, chosen at random among all the protocol's bodies. */
    static Frame frame(Random r) {
        Descriptor d = Frame.getDescriptor();
        OneofDescriptor body = d.getOneofs().get(0);
        FieldDescriptor f = body.getField(r.nextInt(body.getFieldCount()));
        Frame.Builder b = Frame.newBuilder().setId(r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(1_000_000));
        Message.Builder inner = b.newBuilderForField(f);
        fill(inner, r, 3);
        b.setField(f, inner.build());
        return b.build();
    }

    private static void fill(Message.Builder b, Random r, int depth) {
        for (FieldDescriptor f : b.getDescriptorForType().getFields()) {
            if (r.nextInt(3) == 0) continue;
            if (f.isRepeated()) {
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    Object v = value(b, f, r, depth);
                    if (v != null) b.addRepeatedField(f, v);
                }
            } else {
                Object v = value(b, f, r, depth);
                if (v != null) b.setField(f, v);
            }
        }
    }

    private static Object value(Message.Builder owner, FieldDescriptor f, Random r, int depth) {
        long n = r.nextBoolean() ? NUMBERS[r.nextInt(NUMBERS.length)] : r.nextInt(1000);
        return switch (f.getJavaType()) {
            case INT -> (int) n;
            case LONG -> n;
            case FLOAT -> (float) n;
            case DOUBLE -> (double) n;
            case BOOLEAN -> r.nextBoolean();
            case STRING -> TEXTS.get(r.nextInt(TEXTS.size()));
            case BYTE_STRING -> ByteString.copyFrom(bytes(r, r.nextInt(8) == 0 ? 5000 : 64));
            case ENUM -> enumValue(f.getEnumType(), r);
            case MESSAGE -> {
                if (depth == 0) yield null;
                Message.Builder inner = owner.newBuilderForField(f);
                fill(inner, r, depth - 1);
                yield inner.build();
            }
        };
    }

    private static Object enumValue(EnumDescriptor e, Random r) {
        return r.nextInt(6) == 0 ? e.findValueByNumberCreatingIfUnknown(1000 + r.nextInt(10))
                : e.getValues().get(r.nextInt(e.getValues().size()));
    }

    private static byte[] bytes(Random r, int max) {
        byte[] b = new byte[r.nextInt(max + 1)];
        r.nextBytes(b);
        return b;
    }

    /** The frame's encoding (length prefix and body), mutated or not. */
    static byte[] mutated(Frame frame, Random r, boolean touchPrefix) {
        byte[] whole = FrameBytes.encode(frame);
        if (r.nextInt(4) == 0) return whole; // some go through unharmed
        byte[] body = Arrays.copyOfRange(whole, 4, whole.length);
        int mutations = 1 + r.nextInt(3);
        for (int i = 0; i < mutations && body.length > 0; i++) {
            int at = r.nextInt(body.length);
            switch (r.nextInt(5)) {
                case 0 -> body[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> body[at] = (byte) r.nextInt(256);
                case 2 -> body = Arrays.copyOf(body, at); // cut short
                case 3 -> { // insert random bytes
                    byte[] extra = bytes(r, 16);
                    byte[] grown = new byte[body.length + extra.length];
                    System.arraycopy(body, 0, grown, 0, at);
                    System.arraycopy(extra, 0, grown, at, extra.length);
                    System.arraycopy(body, at, grown, at + extra.length, body.length - at);
                    body = grown;
                }
                default -> { // repeat a slice
                    int len = Math.min(body.length - at, 1 + r.nextInt(16));
                    byte[] grown = Arrays.copyOf(body, body.length + len);
                    System.arraycopy(body, at, grown, body.length, len);
                    body = grown;
                }
            }
        }
        int length = body.length;
        if (touchPrefix) length += r.nextInt(9) - 4; // the stream loses its step
        return ByteBuffer.allocate(4 + body.length).putInt(Math.max(0, length)).put(body).array();
    }
}

package im.magpie.protocol.codec;

import im.magpie.protocol.proto.Frame;
import java.nio.ByteBuffer;

/** Netty-free framing, for tools and tests that speak the protocol over plain streams. */
public final class FrameBytes {
    private FrameBytes() {}

    public static byte[] encode(Frame frame) {
        byte[] body = frame.toByteArray();
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }
}

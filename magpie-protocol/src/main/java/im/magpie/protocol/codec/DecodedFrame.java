package im.magpie.protocol.codec;

import im.magpie.protocol.proto.Frame;

/**
 * What {@link FrameDecoder} produces: a frame, or the reason the input could not be a frame.
 * A malformed frame is a value the next handler decides about (answer with an error, close),
 * never an exception thrown through the pipeline.
 */
public sealed interface DecodedFrame {

    record Good(Frame frame) implements DecodedFrame {}

    /** The length prefix announced more than the limit; the connection cannot be resynchronised. */
    record TooLarge(long announcedBytes, int maxBytes) implements DecodedFrame {}

    /**
     * The frame's body would not fit in the bytes left of the decoder's {@link ByteBudget}
     * (shared with other connections); the connection cannot be resynchronised.
     */
    record OverBudget(long announcedBytes) implements DecodedFrame {}

    /** The bytes did not parse as a {@code Frame}. The stream is still in sync (length was fine). */
    record Malformed(String reason) implements DecodedFrame {}
}

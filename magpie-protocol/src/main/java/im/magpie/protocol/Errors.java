package im.magpie.protocol;

import im.magpie.protocol.proto.Error;
import im.magpie.protocol.proto.ErrorCode;
import im.magpie.protocol.proto.Frame;

/** Small helpers to build error frames, so every place says errors the same way. */
public final class Errors {
    private Errors() {}

    public static Frame frame(long requestId, ErrorCode code, String message) {
        return frame(requestId, code, message, 0);
    }

    public static Frame frame(long requestId, ErrorCode code, String message, int retryAfterSeconds) {
        return Frame.newBuilder()
                .setId(requestId)
                .setError(Error.newBuilder()
                        .setCode(code)
                        .setMessage(message)
                        .setRetryAfterSeconds(Math.max(0, retryAfterSeconds)))
                .build();
    }
}

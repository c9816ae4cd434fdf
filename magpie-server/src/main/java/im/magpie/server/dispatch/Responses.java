package im.magpie.server.dispatch;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.Ok;

/** Shorthands for common response bodies. */
public final class Responses {
    private Responses() {}

    public static Frame.Builder ok() {
        return Frame.newBuilder().setOk(Ok.getDefaultInstance());
    }
}

package im.magpie.server.dispatch;

import im.magpie.protocol.proto.Frame;
import im.magpie.server.session.Connection;

/** One request being handled: who sent it, on which connection, and the frame itself. */
public record Call(Connection connection, Frame frame) {

    /** The caller's user id; only meaningful for routes that require authentication. */
    public long userId() {
        return connection.userId();
    }

    public long requestId() {
        return frame.getId();
    }
}

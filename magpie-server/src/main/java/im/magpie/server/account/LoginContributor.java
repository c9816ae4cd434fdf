package im.magpie.server.account;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.LoginOk;

/**
 * Adds a feature's part to the login answer (e.g. the friend list with presence), so a client gets
 * everything it needs in one response. Called on a worker thread, after the session is bound.
 */
@FunctionalInterface
public interface LoginContributor {
    /** @param request the Register, Login or Resume frame (e.g. for what the device already holds) */
    void contribute(long userId, Frame request, LoginOk.Builder loginOk);
}

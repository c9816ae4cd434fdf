package im.magpie.cli.account;

import im.magpie.cli.json.ProfileJson;
import im.magpie.protocol.proto.LoginOk;

/** {@code --json} output of register and login: who is logged in where (never the token). */
public record AccountJson(String server, String sessionId, long latestSeq, ProfileJson self) {
    static AccountJson of(String server, LoginOk ok) {
        return new AccountJson(server, ok.getSessionId(), ok.getLatestSeq(), ProfileJson.of(ok.getSelf()));
    }
}

package im.magpie.cli.account;

import im.magpie.client.LoginResult;
import im.magpie.cli.json.ProfileJson;

/** {@code --json} output of register and login: who is logged in where (never the token). */
public record AccountJson(String server, String sessionId, long latestSeq, ProfileJson self) {
    static AccountJson of(String server, LoginResult ok) {
        return new AccountJson(server, ok.sessionId(), ok.latestSeq(), ProfileJson.of(ok.self()));
    }
}

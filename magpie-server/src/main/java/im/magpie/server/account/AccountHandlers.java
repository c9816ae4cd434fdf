package im.magpie.server.account;

import im.magpie.protocol.proto.Frame;
import im.magpie.protocol.proto.LoginOk;
import im.magpie.protocol.proto.PresenceStatus;
import im.magpie.server.dispatch.Access;
import im.magpie.server.dispatch.Call;
import im.magpie.server.dispatch.MagpieException;
import im.magpie.server.dispatch.Responses;
import im.magpie.server.dispatch.Routes;
import im.magpie.server.logging.LogText;
import im.magpie.server.session.Connection;
import im.magpie.server.session.SessionRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wire handlers of the account feature: decode, call {@link AccountService}, encode. */
public final class AccountHandlers {
    private static final Logger log = LoggerFactory.getLogger("im.magpie.server.connections");

    private final AccountService accounts;
    private final SessionRegistry sessions;
    private final HashingGate hashing;
    private final List<LoginContributor> contributors = new CopyOnWriteArrayList<>();
    /** The status the user sees for themself (the social feature's presence; ONLINE until installed). */
    private volatile java.util.function.LongFunction<PresenceStatus> ownPresence = userId -> PresenceStatus.ONLINE;

    /**
     * @param hashing admits password work (register, login, change password) to its own threads,
     *                apart from the general workers, fairly between connections and accounts
     */
    public AccountHandlers(AccountService accounts, SessionRegistry sessions, HashingGate hashing) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.hashing = hashing;
    }

    public void addLoginContributor(LoginContributor contributor) {
        contributors.add(contributor);
    }

    public void useOwnPresence(java.util.function.LongFunction<PresenceStatus> ownPresence) {
        this.ownPresence = ownPresence;
    }

    public void register(Routes routes) {
        routes.async(Frame.BodyCase.REGISTER, Access.ANONYMOUS,
                        onHashing(call -> Credentials.loginName(call.frame().getRegister().getUsername()).orElse(""), this::onRegister))
                .async(Frame.BodyCase.LOGIN, Access.ANONYMOUS,
                        onHashing(call -> Credentials.loginName(call.frame().getLogin().getUsername()).orElse(""), this::onLogin))
                .blocking(Frame.BodyCase.RESUME, Access.ANONYMOUS, this::onResume)
                .blocking(Frame.BodyCase.LOGOUT, Access.AUTHENTICATED, this::onLogout)
                .async(Frame.BodyCase.CHANGE_PASSWORD, Access.AUTHENTICATED,
                        onHashing(call -> call.connection().identity().username(), this::onChangePassword))
                .blocking(Frame.BodyCase.WHOAMI, Access.AUTHENTICATED, this::onWhoAmI);
    }

    private Routes.AsyncHandler onHashing(Function<Call, String> account, Function<Call, Frame.Builder> handler) {
        return call -> hashing.submit(call.connection(), account.apply(call), () -> handler.apply(call));
    }

    private Frame.Builder onRegister(Call call) {
        requireNotLoggedIn(call.connection());
        var req = call.frame().getRegister();
        LoginResult result = accounts.register(req.getUsername(), req.getPassword(), req.getNickname(),
                req.getDeviceName(), call.connection().remoteHost());
        return bind(call, result, "register");
    }

    private Frame.Builder onLogin(Call call) {
        requireNotLoggedIn(call.connection());
        var req = call.frame().getLogin();
        LoginResult result = accounts.login(req.getUsername(), req.getPassword(), req.getDeviceName(),
                call.connection().remoteHost());
        return bind(call, result, "password");
    }

    private Frame.Builder onResume(Call call) {
        requireNotLoggedIn(call.connection());
        LoginResult result = accounts.resume(call.frame().getResume().getResumeToken());
        return bind(call, result, "token");
    }

    private Frame.Builder onLogout(Call call) {
        Connection.Identity who = call.connection().identity();
        accounts.logout(who.sessionId());
        log.info("logout user={} session={}", LogText.escape(who.username()), who.sessionId());
        return Responses.ok();
    }

    private Frame.Builder onChangePassword(Call call) {
        var req = call.frame().getChangePassword();
        Connection.Identity who = call.connection().identity();
        accounts.changePassword(who.userId(), who.sessionId(), req.getOldPassword(), req.getNewPassword(),
                call.connection().remoteHost());
        log.info("password changed user={}", LogText.escape(who.username()));
        return Responses.ok();
    }

    private Frame.Builder onWhoAmI(Call call) {
        User user = accounts.user(call.userId());
        return Frame.newBuilder().setProfile(AccountProtos.profile(user).setPresence(ownPresence.apply(user.userId())));
    }

    private static void requireNotLoggedIn(Connection connection) {
        if (connection.isAuthenticated()) throw MagpieException.conflict("account.login.already");
    }

    private Frame.Builder bind(Call call, LoginResult result, String how) {
        Connection connection = call.connection();
        User user = result.user();
        Connection.Identity who = new Connection.Identity(user.userId(), user.username(),
                result.session().sessionId(), result.session().deviceName());
        if (!sessions.login(connection, who)) {
            throw MagpieException.conflict("account.login.already");
        }
        log.info("login user={} by {} device={} from {}", LogText.escape(user.username()), how,
                LogText.escape(who.deviceName()), LogText.escape(connection.remoteHost()));
        LoginOk.Builder ok = LoginOk.newBuilder()
                .setSelf(AccountProtos.profile(user).setPresence(PresenceStatus.ONLINE))
                .setResumeToken(result.resumeToken())
                .setResumeTokenExpiresMs(result.session().expiresMs())
                .setSessionId(result.session().sessionId());
        for (LoginContributor contributor : contributors) contributor.contribute(user.userId(), call.frame(), ok);
        return Frame.newBuilder().setLoginOk(ok);
    }
}

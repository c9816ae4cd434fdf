package im.magpie.server.account;

/**
 * Told after a new account is stored (e.g. the groups feature adds it to the lobby). Called on the
 * registering thread (a blocking worker) before the answer is sent; a listener's failure is
 * logged and does not undo the registration.
 */
@FunctionalInterface
public interface RegistrationListener {
    void registered(User user);
}

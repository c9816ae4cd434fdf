package im.magpie.client.internal.session;

/** How a connection attempt authenticates. A password is used once; afterwards the resume token. */
public sealed interface Credentials {
    record Password(String username, String password) implements Credentials {
        @Override
        public String toString() {
            return "Password[" + username + "]";
        }
    }

    record Registration(String username, String password, String nickname) implements Credentials {
        @Override
        public String toString() {
            return "Registration[" + username + "]";
        }
    }

    /** @param friendListVersion the version of the friend list the store holds (0: none) */
    record Token(String token, long friendListVersion) implements Credentials {
        @Override
        public String toString() {
            return "Token";
        }
    }

    /** Whether a refusal of these credentials ends the session (a password login is tried once). */
    default boolean triedOnce() {
        return !(this instanceof Token);
    }
}

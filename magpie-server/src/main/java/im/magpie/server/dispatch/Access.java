package im.magpie.server.dispatch;

/** Who may call a route. */
public enum Access {
    /** After Hello, before login (register, login, resume, ping). */
    ANONYMOUS,
    /** Only a logged-in connection. */
    AUTHENTICATED
}

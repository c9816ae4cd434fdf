package im.magpie.desktop.model;

/**
 * The session's connection as the status bar shows it.
 *
 * @param phase where the session is
 * @param retryInSeconds with {@link Phase#RECONNECTING}: seconds to the next attempt
 * @param reason with {@link Phase#OFFLINE}: why, else null
 */
public record ConnectionState(Phase phase, long retryInSeconds, Failure reason) {
    /** The session's phases. */
    public enum Phase { CONNECTING, ONLINE, RECONNECTING, OFFLINE }

    public static final ConnectionState OFFLINE = new ConnectionState(Phase.OFFLINE, 0, null);
}

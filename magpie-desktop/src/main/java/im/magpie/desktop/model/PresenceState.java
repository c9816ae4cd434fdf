package im.magpie.desktop.model;

/** A person's presence as the desktop shows it; {@link #INVISIBLE} only ever for oneself. */
public enum PresenceState {
    ONLINE, AWAY, BUSY, INVISIBLE, OFFLINE;

    /** Whether others see the person as reachable (online, away or busy). */
    public boolean online() {
        return this == ONLINE || this == AWAY || this == BUSY;
    }
}

package im.magpie.protocol;

/**
 * The protocol version spoken by this build. A peer with another {@link #MAJOR} is refused with
 * {@code BAD_VERSION}; a different {@link #MINOR} is compatible (new optional fields and bodies).
 */
public final class ProtocolVersion {
    public static final int MAJOR = 1;
    public static final int MINOR = 0;

    private ProtocolVersion() {}

    public static boolean isSupported(int major) {
        return major == MAJOR;
    }

    public static String describe() {
        return MAJOR + "." + MINOR;
    }
}

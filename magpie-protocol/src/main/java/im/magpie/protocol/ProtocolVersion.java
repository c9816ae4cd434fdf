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

    /**
     * A peer's version as it sent it: the wire's fields are {@code uint32}, which Java holds in an
     * {@code int}, so they are printed unsigned (2^32-1 is "4294967295", not "-1").
     */
    public static String describe(int major, int minor) {
        return Integer.toUnsignedString(major) + "." + Integer.toUnsignedString(minor);
    }
}

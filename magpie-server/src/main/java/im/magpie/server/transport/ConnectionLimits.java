package im.magpie.server.transport;

import im.magpie.server.config.Settings;
import java.time.Duration;

/**
 * What one connection may cost and how long it may take, from {@link TransportSettings}: the
 * frame limit after login and before, and the deadlines of the handshake and of a frame.
 */
public record ConnectionLimits(
        int maxFrameBytes,
        int preLoginMaxFrameBytes,
        long preLoginBufferBytes,
        int unauthenticatedPerAddress,
        Duration helloDeadline,
        Duration loginDeadline,
        Duration frameDeadline) {

    public static ConnectionLimits from(Settings settings, int maxFrameBytes) {
        return new ConnectionLimits(maxFrameBytes,
                Math.min(maxFrameBytes, settings.get(TransportSettings.PRE_LOGIN_MAX_FRAME_BYTES)),
                settings.get(TransportSettings.PRE_LOGIN_BUFFER_BYTES),
                settings.get(TransportSettings.MAX_UNAUTHENTICATED_PER_ADDRESS),
                Duration.ofSeconds(settings.get(TransportSettings.HELLO_DEADLINE_SECONDS)),
                Duration.ofSeconds(settings.get(TransportSettings.LOGIN_DEADLINE_SECONDS)),
                Duration.ofSeconds(settings.get(TransportSettings.FRAME_DEADLINE_SECONDS)));
    }
}

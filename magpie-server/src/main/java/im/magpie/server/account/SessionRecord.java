package im.magpie.server.account;

/** A logged-in device: its resume token is stored only as a SHA-256 hash. */
public record SessionRecord(String sessionId, long userId, String deviceName, long createdMs, long expiresMs) {}

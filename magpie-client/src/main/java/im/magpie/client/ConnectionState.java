package im.magpie.client;

import im.magpie.client.internal.MagpieClient;

/**
 * Where a {@link MagpieClient}'s connection is. {@code OFFLINE → CONNECTING → ONLINE → OFFLINE};
 * a failed connect goes from {@code CONNECTING} back to {@code OFFLINE}. {@code ONLINE} means the
 * transport is up and {@code Hello} was accepted, not that a user is logged in.
 */
public enum ConnectionState {
    OFFLINE,
    CONNECTING,
    ONLINE
}

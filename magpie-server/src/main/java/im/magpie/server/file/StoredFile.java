package im.magpie.server.file;

/**
 * A file offer as stored. One of {@code toUserId} and {@code toGroupId} is 0.
 *
 * @param sha256 lower-case hex; also the name of its content in the {@link BlobStore}
 * @param state  the protocol's {@code FileState} number
 */
record StoredFile(long fileId, long senderId, long toUserId, long toGroupId, String name, long size, String mimeType,
                  String sha256, byte[] thumbnail, int state, long createdMs, long expiresMs) {

    boolean expiredAt(long nowMs) {
        return expiresMs <= nowMs;
    }
}

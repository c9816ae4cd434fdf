package im.magpie.protocol.discovery;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import im.magpie.protocol.proto.DiscoveryReply;
import im.magpie.protocol.proto.DiscoveryRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The LAN discovery datagrams (docs/protocol.md, "LAN discovery"): the 4 bytes {@code MGPD} and
 * one protobuf message. Shared by the server's responder and the client's finder so both read and
 * write exactly the same format. Anything else (wrong magic, a body that does not parse, a request
 * of the wrong version or size) is {@link Optional#empty()}: the caller ignores it.
 */
public final class DiscoveryDatagrams {
    /** Default UDP port (the same number as the client protocol's TCP port). */
    public static final int DEFAULT_PORT = 7878;
    /** Administratively scoped IPv4 group the responder joins, for networks that drop broadcasts. */
    public static final String DEFAULT_MULTICAST_GROUP = "239.255.78.78";
    public static final int VERSION = 1;
    /** Requests are padded to this size, so a reply always fits and the server need not amplify. */
    public static final int REQUEST_PADDED_BYTES = 1200;
    /** Larger requests are ignored (no IP fragmentation games, nothing large to parse). */
    public static final int MAX_REQUEST_BYTES = 1400;
    public static final int NONCE_MIN_BYTES = 8;
    public static final int NONCE_MAX_BYTES = 32;

    private static final byte[] MAGIC = "MGPD".getBytes(StandardCharsets.US_ASCII);

    private DiscoveryDatagrams() {}

    /** A request with this nonce, padded to {@link #REQUEST_PADDED_BYTES}. */
    public static byte[] request(byte[] nonce) {
        DiscoveryRequest bare = DiscoveryRequest.newBuilder().setVersion(VERSION).setNonce(ByteString.copyFrom(nonce)).build();
        // padding is field 15: a 1-byte tag, a 2-byte length, then the zeros
        int padding = REQUEST_PADDED_BYTES - MAGIC.length - bare.getSerializedSize() - 3;
        DiscoveryRequest padded = bare.toBuilder().setPadding(ByteString.copyFrom(new byte[Math.max(0, padding)])).build();
        return withMagic(padded.toByteArray());
    }

    /** The request in {@code length} bytes of {@code data}, if it is a well-formed one. */
    public static Optional<DiscoveryRequest> parseRequest(byte[] data, int length) {
        if (length > MAX_REQUEST_BYTES) return Optional.empty();
        return body(data, length).flatMap(body -> {
            try {
                DiscoveryRequest r = DiscoveryRequest.parseFrom(body);
                int nonce = r.getNonce().size();
                boolean ok = r.getVersion() == VERSION && nonce >= NONCE_MIN_BYTES && nonce <= NONCE_MAX_BYTES;
                return ok ? Optional.of(r) : Optional.empty();
            } catch (InvalidProtocolBufferException e) {
                return Optional.empty();
            }
        });
    }

    public static byte[] reply(DiscoveryReply reply) {
        return withMagic(reply.toByteArray());
    }

    /** The reply in {@code length} bytes of {@code data}, if it is one. */
    public static Optional<DiscoveryReply> parseReply(byte[] data, int length) {
        return body(data, length).flatMap(body -> {
            try {
                return Optional.of(DiscoveryReply.parseFrom(body));
            } catch (InvalidProtocolBufferException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<byte[]> body(byte[] data, int length) {
        if (length < MAGIC.length || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) return Optional.empty();
        return Optional.of(Arrays.copyOfRange(data, MAGIC.length, length));
    }

    private static byte[] withMagic(byte[] body) {
        byte[] out = new byte[MAGIC.length + body.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        System.arraycopy(body, 0, out, MAGIC.length, body.length);
        return out;
    }
}

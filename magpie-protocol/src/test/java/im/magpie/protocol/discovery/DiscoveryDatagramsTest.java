package im.magpie.protocol.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import im.magpie.protocol.proto.DiscoveryReply;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DiscoveryDatagramsTest {
    private static final byte[] NONCE = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aRequestIsPaddedToItsFixedSize_andParsesBack() {
        byte[] request = DiscoveryDatagrams.request(NONCE);

        assertThat(request).hasSize(DiscoveryDatagrams.REQUEST_PADDED_BYTES);
        assertThat(DiscoveryDatagrams.parseRequest(request, request.length)).hasValueSatisfying(r ->
                assertThat(r.getNonce().toByteArray()).isEqualTo(NONCE));
    }

    @Test
    void anythingButAWellFormedRequest_isEmpty() {
        byte[] good = DiscoveryDatagrams.request(NONCE);
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        byte[] cut = Arrays.copyOf(good, 40);
        byte[] oversized = Arrays.copyOf(good, DiscoveryDatagrams.MAX_REQUEST_BYTES + 1);

        assertThat(DiscoveryDatagrams.parseRequest(badMagic, badMagic.length)).isEmpty();
        assertThat(DiscoveryDatagrams.parseRequest(cut, cut.length)).isEmpty();
        assertThat(DiscoveryDatagrams.parseRequest(oversized, oversized.length)).isEmpty();
        assertThat(DiscoveryDatagrams.parseRequest(new byte[3], 3)).isEmpty();
        byte[] shortNonce = DiscoveryDatagrams.request(new byte[DiscoveryDatagrams.NONCE_MIN_BYTES - 1]);
        assertThat(DiscoveryDatagrams.parseRequest(shortNonce, shortNonce.length)).isEmpty();
        byte[] longNonce = DiscoveryDatagrams.request(new byte[DiscoveryDatagrams.NONCE_MAX_BYTES + 1]);
        assertThat(DiscoveryDatagrams.parseRequest(longNonce, longNonce.length)).isEmpty();
    }

    @Test
    void aReplyRoundTrips_andGarbageIsNoReply() {
        byte[] reply = DiscoveryDatagrams.reply(DiscoveryReply.newBuilder().setServerName("Magpie").setPort(7878).build());

        assertThat(DiscoveryDatagrams.parseReply(reply, reply.length)).hasValueSatisfying(r -> assertThat(r.getPort()).isEqualTo(7878));
        assertThat(DiscoveryDatagrams.parseReply("nope".getBytes(StandardCharsets.US_ASCII), 4)).isEmpty();
    }
}

package im.magpie.server.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RemoteDirectoryTest {
    @Test
    void aUserIsOnlineElsewhereUntilTheirLastOtherNodeLetsGo() {
        RemoteDirectory d = new RemoteDirectory();
        d.add(7, 2);
        d.add(7, 3);
        assertThat(d.isOnline(7)).isTrue();
        assertThat(d.nodesOf(7)).containsExactlyInAnyOrder(2, 3);
        assertThat(d.remove(7, 2)).isFalse();
        assertThat(d.remove(7, 3)).isTrue();
        assertThat(d.isOnline(7)).isFalse();
        assertThat(d.nodesOf(7)).isEmpty();
    }

    @Test
    void replacingANodesUsersReportsOnlyThoseWhoLeftEveryNode() {
        RemoteDirectory d = new RemoteDirectory();
        d.add(1, 2);
        d.add(2, 2);
        d.add(2, 3);
        assertThat(d.replaceNode(2, Set.of(3L))).containsExactly(1L); // user 2 is still on node 3
        assertThat(d.nodesOf(3)).containsExactly(2);
        assertThat(d.nodesOf(2)).containsExactly(3);
        assertThat(d.dropNode(3)).containsExactly(2L);
        assertThat(d.knownNodes()).containsExactly(2); // user 3 is on node 2
        assertThat(d.dropNode(2)).containsExactly(3L);
        assertThat(d.knownNodes()).isEmpty();
    }

    @Test
    void envelopesSurviveTheTripAndGarbageIsRefused() {
        Envelope push = new Envelope(Envelope.Kind.PUSH, 1L << 40, 1023, new byte[] {1, 2, 3});
        Envelope back = Envelope.decode(push.encode());
        assertThat(back.kind()).isEqualTo(Envelope.Kind.PUSH);
        assertThat(back.userId()).isEqualTo(1L << 40);
        assertThat(back.nodeId()).isEqualTo(1023);
        assertThat(back.payload()).containsExactly(1, 2, 3);
        Envelope kick = new Envelope(Envelope.Kind.DISCONNECT, 5, 1, "会话".getBytes(StandardCharsets.UTF_8));
        assertThat(Envelope.decode(kick.encode()).text()).isEqualTo("会话");
        assertThatThrownBy(() -> Envelope.decode(new byte[] {99, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
